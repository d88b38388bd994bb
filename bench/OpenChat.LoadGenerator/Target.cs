namespace OpenChat.LoadGenerator;

/// <summary>Where a slice of load goes: the simulator itself, or a relay in front of it.</summary>
internal enum Target
{
    Direct,
    Yarp,
    Api,
}

internal static class TargetLabels
{
    /// <summary>The name in the report's headers.</summary>
    public static string Label(this Target target) => target switch
    {
        Target.Yarp => "YARP",
        Target.Api => "Api",
        _ => "direct",
    };

    /// <summary>The process whose CPU and memory a target's slices are charged to.</summary>
    public static string ServerLabel(this Target target) => target == Target.Direct ? "simulator" : target.Label();
}
