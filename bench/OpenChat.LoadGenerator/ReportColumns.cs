using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>
/// The report's columns for the targets measured: a relay's numbers are differences from direct, and each Api
/// is compared with YARP when YARP runs. A cell holding one value per target lists them as "direct / YARP / Api".
/// </summary>
internal static class ReportColumns
{
    /// <summary>One row per delay, level and run.</summary>
    public static MarkdownColumn<Cell>[] PerRun(BenchmarkOptions options)
    {
        var targets = options.Targets;
        var relays = Relays(targets);
        var apisAgainstYarp = ApisAgainstYarp(targets);
        var columns = new List<MarkdownColumn<Cell>>
        {
            new("delay ms", c => Number(c.DelayMs, "0"), RightAligned: true),
            new("streams", c => Number(c.Streams, "0"), RightAligned: true),
        };
        if (options.Repeat > 1)
        {
            columns.Add(new("run", c => Number(c.Run, "0"), RightAligned: true));
        }

        columns.AddRange(
        [
            new($"samples {Labels(targets)}", c => Each(targets, t => Number(c.Stats[t].Samples, "0"))),
            new($"c/s {Labels(targets)}", c => Each(targets, t => Number(c.Stats[t].CompletionsPerSecond, "0.0"))),
            new($"c/s {Labels(relays)} ÷ direct", c => Each(relays, r => Number(c.Stats[r].CompletionsPerSecond / c.Stats[Target.Direct].CompletionsPerSecond, "0.000"))),
        ]);
        if (apisAgainstYarp.Length > 0)
        {
            columns.Add(new($"c/s {Labels(apisAgainstYarp)} ÷ YARP", c => Each(apisAgainstYarp, a => Number(c.PerYarpCompletions(a), "0.000")), RightAligned: true));
        }

        if (ComparesTwoApis(targets))
        {
            columns.Add(new("c/s Api ÷ Api B", c => Number(c.ApiPerApiBCompletions, "0.000"), RightAligned: true));
        }

        columns.AddRange(
        [
            new("TTFT p50 / p99 direct ms", c => $"{Number(c.Stats[Target.Direct].FirstContent(50), "0.00")} / {Number(c.Stats[Target.Direct].FirstContent(99), "0.00")}"),
            new($"added TTFT p50 {Labels(relays)} ms", c => Each(relays, r => Signed(c.AddedFirstContent(r, 50)))),
            new($"added TTFT p99 {Labels(relays)} ms", c => Each(relays, r => Signed(c.AddedFirstContent(r, 99)))),
        ]);
        columns.AddRange(apisAgainstYarp.Select(a => new MarkdownColumn<Cell>(
            $"{a.Label()} − YARP added TTFT p50 / p99 ms", c => $"{Signed(c.OverYarpFirstContent(a, 50))} / {Signed(c.OverYarpFirstContent(a, 99))}")));

        columns.AddRange(
        [
            new($"added total p50 {Labels(relays)} ms", c => Each(relays, r => Signed(c.AddedTotal(r, 50)))),
            new($"CPU µs/request {string.Join(" / ", targets.Select(t => t.ServerLabel()))}", c => Each(targets, t => Number(c.Stats[t].CpuMicrosecondsPerRequest, "0"))),
        ]);
        Target[] apis = [.. targets.Where(t => t.IsApi())];
        if (apis.Length > 0 && options.Transcripts)
        {
            // Redis runs on the same cores as the relays: what the Api's requests cost it is part of their cost.
            columns.Add(new($"Redis CPU µs/request {Labels(apis)}", c => Each(apis, a => Number(c.Stats[a].StoreCpuMicrosecondsPerRequest, "0"))));
        }

        columns.AddRange(
        [
            new($"simulator CPU µs/request via {Labels(targets)}", c => Each(targets, t => Number(c.Stats[t].ModelCpuMicrosecondsPerRequest, "0"))),
            new($"machine CPU µs/request {Labels(targets)}", c => Each(targets, t => Number(c.Stats[t].MachineCpuMicrosecondsPerRequest, "0"))),
        ]);

        columns.AddRange(
        [
            new($"peak RSS MB {Labels(relays)}", c => Each(relays, r => Number(c.Stats[r].PeakRssBytes / (1024.0 * 1024), "0"))),
            new($"errors {Labels(targets)}", c => Each(targets, t => Number(c.Stats[t].Errors, "0"))),
        ]);
        return [.. columns];
    }

    /// <summary>One row per delay and level: how far the runs of it differ, as median [lowest, highest].</summary>
    public static MarkdownColumn<IReadOnlyList<Cell>>[] AcrossRuns(BenchmarkOptions options)
    {
        var targets = options.Targets;
        var relays = Relays(targets);
        var columns = new List<MarkdownColumn<IReadOnlyList<Cell>>>
        {
            new("delay ms", runs => Number(runs[0].DelayMs, "0"), RightAligned: true),
            new("streams", runs => Number(runs[0].Streams, "0"), RightAligned: true),
            new($"samples, all runs, {Labels(targets)}", runs => Each(targets, t => Number(runs.Sum(c => c.Stats[t].Samples), "0"))),
            new("TTFT p50 direct ms", runs => Spread(runs, c => c.Stats[Target.Direct].FirstContent(50), "0.00")),
        };
        columns.AddRange(relays.Select(r =>
            new MarkdownColumn<IReadOnlyList<Cell>>($"added TTFT p50 {r.Label()} ms", runs => Spread(runs, c => c.AddedFirstContent(r, 50)))));
        foreach (var api in ApisAgainstYarp(targets))
        {
            columns.Add(new($"{api.Label()} − YARP added TTFT p50 ms", runs => Spread(runs, c => c.OverYarpFirstContent(api, 50))));
            columns.Add(new($"c/s {api.Label()} ÷ YARP", runs => Spread(runs, c => c.PerYarpCompletions(api), "0.000")));
        }

        if (ComparesTwoApis(targets))
        {
            columns.Add(new("c/s Api ÷ Api B", runs => Spread(runs, c => c.ApiPerApiBCompletions, "0.000")));
            columns.Add(new("machine CPU µs/request Api ÷ Api B", runs => Spread(runs, c => c.ApiPerApiBMachineCpu, "0.000")));
        }

        return [.. columns];
    }

    private static Target[] Relays(IReadOnlyList<Target> targets) => [.. targets.Where(t => t != Target.Direct)];

    private static bool ComparesTwoApis(IReadOnlyList<Target> targets) => targets.Contains(Target.Api) && targets.Contains(Target.ApiB);

    private static Target[] ApisAgainstYarp(IReadOnlyList<Target> targets) =>
        targets.Contains(Target.Yarp) ? [.. targets.Where(t => t.IsApi())] : [];

    private static string Labels(IEnumerable<Target> targets) => string.Join(" / ", targets.Select(t => t.Label()));

    private static string Each(IEnumerable<Target> targets, Func<Target, string> value) => string.Join(" / ", targets.Select(value));

    private static string Spread(IReadOnlyList<Cell> runs, Func<Cell, double> value, string format = "+0.00;-0.00")
    {
        double[] values = [.. runs.Select(value).Order()];
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return $"{Number(median, format)} [{Number(values[0], format)}, {Number(values[^1], format)}]";
    }

    private static string Signed(double value) => Number(value, "+0.00;-0.00");

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
