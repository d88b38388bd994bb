namespace OpenChat.LoadGenerator;

/// <summary>
/// One run: the cluster started once, then every delay and level measured on the simulator directly and on the
/// Api in front of it, in interleaved slices.
/// </summary>
internal static class Benchmark
{
    public static async Task<Report> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var cluster = await Cluster.StartAsync(options, cancellationToken);
        var report = new Report(options);
        var slice = options.Duration / options.Slices;

        foreach (var delayMs in options.DelaysMs)
        {
            using var direct = new StreamingClient(cluster.SimulatorUrl, key: null, options.Tokens, delayMs);
            using var api = new StreamingClient(cluster.ApiUrl, Cluster.GatewayKey, options.Tokens, delayMs);

            foreach (var streams in options.Levels)
            {
                await LoadSlice.RunAsync(direct, streams, options.Warmup, sample: null, cancellationToken);
                await LoadSlice.RunAsync(api, streams, options.Warmup, sample: null, cancellationToken);

                var directStats = new TargetStats();
                var apiStats = new TargetStats();
                long peakRss = 0;
                void SampleRss() => peakRss = Math.Max(peakRss, cluster.Api.ReadRssBytes());
                async Task MeasureDirect() =>
                    directStats.Add(await LoadSlice.RunAsync(direct, streams, slice, sample: null, cancellationToken, cluster.Simulator.ReadCpuTime));
                async Task MeasureApi() =>
                    apiStats.Add(await LoadSlice.RunAsync(api, streams, slice, SampleRss, cancellationToken, cluster.Api.ReadCpuTime));

                // Alternate which target goes first, so drift over the run (heat, other load) falls on both alike.
                for (var i = 0; i < options.Slices; i++)
                {
                    await (i % 2 == 0 ? MeasureDirect() : MeasureApi());
                    await (i % 2 == 0 ? MeasureApi() : MeasureDirect());
                }

                report.Add(delayMs, streams, directStats, apiStats, peakRss);
            }
        }

        return report;
    }
}
