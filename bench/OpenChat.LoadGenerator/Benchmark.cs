using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>
/// One run: the cluster started once, then every delay and level measured on the simulator directly and on
/// each relay in front of it, in interleaved slices; the whole sweep as many times as asked.
/// </summary>
internal static class Benchmark
{
    private const int InitialWarmupStreams = 64;

    public static async Task<Report> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var cluster = await Cluster.StartAsync(options, cancellationToken);
        var served = options.Targets.ToDictionary(target => target, _ => 0L);
        await WarmUpAsync(options, cluster, served, cancellationToken);
        var report = new Report(options);
        var slice = options.Duration / options.Slices;

        for (var run = 1; run <= options.Repeat; run++)
        {
            foreach (var delayMs in options.DelaysMs)
            {
                var clients = options.Targets.ToDictionary(target => target, target => new StreamingClient(cluster[target].Url, cluster[target].Key, options.Tokens, delayMs, options.ClientUsage));
                try
                {
                    foreach (var streams in options.Levels)
                    {
                        report.Add(await MeasureCellAsync(options, cluster, clients, served, delayMs, streams, run, slice, cancellationToken));
                    }
                }
                finally
                {
                    foreach (var client in clients.Values)
                    {
                        client.Dispose();
                    }
                }
            }
        }

        report.AddSpreadAcrossRuns();
        if (cluster.Telemetry is { } sink)
        {
            var apis = options.Targets.Where(target => target.IsApi()).Select(target => string.Create(CultureInfo.InvariantCulture, $"{target.Label()} {served[target]:N0}"));
            report.AddNote($"{sink.Summary()} Completions served, warm-ups included: {string.Join(", ", apis)}.");
        }

        return report;
    }

    /// <summary>Every target under load at no delay, unmeasured, so the first cell meets the code the last one does.</summary>
    private static async Task WarmUpAsync(BenchmarkOptions options, Cluster cluster, Dictionary<Target, long> served, CancellationToken cancellationToken)
    {
        foreach (var target in options.Targets)
        {
            using var client = new StreamingClient(cluster[target].Url, cluster[target].Key, options.Tokens, delayMs: 0, options.ClientUsage);
            Count(served, target, await LoadSlice.RunAsync(client, InitialWarmupStreams, options.InitialWarmup, TimeSpan.Zero, measured: null, cancellationToken));
        }
    }

    /// <summary>Every completion a target served, so what a target sends elsewhere (its spans) can be set against it.</summary>
    private static SliceResult Count(Dictionary<Target, long> served, Target target, SliceResult slice)
    {
        served[target] += slice.Streams.Count(stream => stream.Ok);
        return slice;
    }

    private static async Task<Cell> MeasureCellAsync(BenchmarkOptions options, Cluster cluster, Dictionary<Target, StreamingClient> clients, Dictionary<Target, long> served, int delayMs, int streams, int run, TimeSpan slice, CancellationToken cancellationToken)
    {
        // One stream's length: its first token and every chunk after it, one step of the simulator's clock each.
        var spreadOver = options.SpreadArrivals ? TimeSpan.FromMilliseconds(delayMs * (options.Tokens + 1)) : TimeSpan.Zero;
        foreach (var target in options.Targets)
        {
            Count(served, target, await LoadSlice.RunAsync(clients[target], streams, options.Warmup, spreadOver, measured: null, cancellationToken));
        }

        var stats = options.Targets.ToDictionary(target => target, _ => new TargetStats());

        for (var i = 0; i < options.Slices; i++)
        {
            foreach (var target in SliceOrder.Of(options.Targets, i))
            {
                stats[target].Add(Count(served, target, await LoadSlice.RunAsync(clients[target], streams, slice, spreadOver, cluster[target], cancellationToken)));
            }
        }

        return new Cell(delayMs, streams, run, stats);
    }
}
