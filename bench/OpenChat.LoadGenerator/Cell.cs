namespace OpenChat.LoadGenerator;

/// <summary>One delay and level in one run: every target's stats, measured in interleaved slices.</summary>
internal sealed record Cell(int DelayMs, int Streams, int Run, IReadOnlyDictionary<Target, TargetStats> Stats)
{
    /// <summary>What a relay adds to the time to first content at a percentile, over the simulator directly.</summary>
    public double AddedFirstContent(Target relay, double percentile) =>
        Stats[relay].FirstContent(percentile) - Stats[Target.Direct].FirstContent(percentile);

    public double AddedTotal(Target relay, double percentile) =>
        Stats[relay].Total(percentile) - Stats[Target.Direct].Total(percentile);

    /// <summary>The Api's added time to first content minus YARP's: what the Api costs over a bare proxy.</summary>
    public double ApiOverYarpFirstContent(double percentile) =>
        AddedFirstContent(Target.Api, percentile) - AddedFirstContent(Target.Yarp, percentile);

    public double ApiPerYarpCompletions => Stats[Target.Api].CompletionsPerSecond / Stats[Target.Yarp].CompletionsPerSecond;
}
