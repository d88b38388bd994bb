namespace OpenChat.LoadGenerator;

/// <summary>One delay and level in one run: every target's stats, measured in interleaved slices.</summary>
internal sealed record Cell(int DelayMs, int Streams, int Run, IReadOnlyDictionary<Target, TargetStats> Stats)
{
    /// <summary>What a relay adds to the time to first content at a percentile, over the simulator directly.</summary>
    public double AddedFirstContent(Target relay, double percentile) =>
        Stats[relay].FirstContent(percentile) - Stats[Target.Direct].FirstContent(percentile);

    public double AddedTotal(Target relay, double percentile) =>
        Stats[relay].Total(percentile) - Stats[Target.Direct].Total(percentile);

    /// <summary>An Api's added time to first content minus YARP's: what the Api costs over a bare proxy.</summary>
    public double OverYarpFirstContent(Target api, double percentile) =>
        AddedFirstContent(api, percentile) - AddedFirstContent(Target.Yarp, percentile);

    public double PerYarpCompletions(Target api) => Stats[api].CompletionsPerSecond / Stats[Target.Yarp].CompletionsPerSecond;

    /// <summary>The Api's completions per second over Api B's, measured in the same slices: what a change buys.</summary>
    public double ApiPerApiBCompletions => Stats[Target.Api].CompletionsPerSecond / Stats[Target.ApiB].CompletionsPerSecond;

    /// <summary>The whole machine's CPU per completion through the Api over that through Api B.</summary>
    public double ApiPerApiBMachineCpu => Stats[Target.Api].MachineCpuMicrosecondsPerRequest / Stats[Target.ApiB].MachineCpuMicrosecondsPerRequest;
}
