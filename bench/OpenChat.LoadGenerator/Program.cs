using OpenChat.LoadGenerator;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{BenchmarkOptions.Usage}");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

await using var cluster = await Cluster.StartAsync(options, cancellation.Token);
var report = new Report(options);
var slice = options.Duration / options.Slices;

foreach (var delayMs in options.DelaysMs)
{
    using var direct = new StreamingClient(cluster.SimulatorUrl, key: null, options.Tokens, delayMs);
    using var api = new StreamingClient(cluster.ApiUrl, Cluster.GatewayKey, options.Tokens, delayMs);

    foreach (var streams in options.Levels)
    {
        await LoadSlice.RunAsync(direct, streams, options.Warmup, sample: null, cancellation.Token);
        await LoadSlice.RunAsync(api, streams, options.Warmup, sample: null, cancellation.Token);

        var directStats = new TargetStats();
        var apiStats = new TargetStats();
        long peakRss = 0;
        void SampleRss() => peakRss = Math.Max(peakRss, cluster.Api.ReadRssBytes());

        // Alternate which target goes first, so drift over the run (heat, other load) falls on both alike.
        for (var i = 0; i < options.Slices; i++)
        {
            if (i % 2 == 0)
            {
                directStats.Add(await LoadSlice.RunAsync(direct, streams, slice, sample: null, cancellation.Token, cluster.Simulator.ReadCpuTime));
                apiStats.Add(await LoadSlice.RunAsync(api, streams, slice, SampleRss, cancellation.Token, cluster.Api.ReadCpuTime));
            }
            else
            {
                apiStats.Add(await LoadSlice.RunAsync(api, streams, slice, SampleRss, cancellation.Token, cluster.Api.ReadCpuTime));
                directStats.Add(await LoadSlice.RunAsync(direct, streams, slice, sample: null, cancellation.Token, cluster.Simulator.ReadCpuTime));
            }
        }

        report.Add(delayMs, streams, directStats, apiStats, peakRss);
    }
}

report.Save(options.Output);
return 0;
