namespace OpenChat.LoadGenerator;

/// <summary>Where a slice of load goes: the simulator itself, or a relay in front of it.</summary>
internal enum Target
{
    Direct,
    Yarp,
    Api,

    /// <summary>A second Api, another build or other settings, measured in the same slices to compare the two.</summary>
    ApiB,
}

internal static class TargetLabels
{
    /// <summary>The name in the report's headers.</summary>
    public static string Label(this Target target) => target switch
    {
        Target.Yarp => "YARP",
        Target.Api => "Api",
        Target.ApiB => "Api B",
        _ => "direct",
    };

    /// <summary>The process whose CPU and memory a target's slices are charged to.</summary>
    public static string ServerLabel(this Target target) => target == Target.Direct ? "simulator" : target.Label();

    public static bool IsApi(this Target target) => target is Target.Api or Target.ApiB;
}
