namespace OpenChat.LoadGenerator;

/// <summary>
/// The order the targets take their turns in one slice. Forward, then backward (direct, YARP, Api, Api B, Api B, Api,
/// YARP, direct, ...), so drift over the run (heat, other load) falls on every target alike. Backward, the last
/// target of a slice goes again first, after itself: at 2,000 streams the Api's place (after YARP, then after Api B)
/// served about 5% fewer completions than Api B's (after the Api, then after itself), whichever build held it
/// (fourteenth round). So in every second pair of slices Api and Api B trade places: over four slices each follows
/// YARP once, the other Api twice and itself once.
/// </summary>
internal static class SliceOrder
{
    public static IEnumerable<Target> Of(IReadOnlyList<Target> targets, int slice)
    {
        var order = slice % 2 == 0 ? targets : targets.Reverse();
        return slice % 4 >= 2 && TradesApis(targets) ? order.Select(Traded) : order;
    }

    /// <summary>Whether Api and Api B trade places: when both are measured.</summary>
    public static bool TradesApis(IReadOnlyList<Target> targets) => targets.Contains(Target.Api) && targets.Contains(Target.ApiB);

    private static Target Traded(Target target) => target switch
    {
        Target.Api => Target.ApiB,
        Target.ApiB => Target.Api,
        _ => target,
    };
}
