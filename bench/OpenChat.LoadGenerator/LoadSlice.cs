using System.Diagnostics;

namespace OpenChat.LoadGenerator;

/// <summary>
/// C workers, each streaming one completion after another until the slice's time is up. Requests started
/// before the deadline run to their end and count; each worker's rate is taken over the time it ran. The workers
/// start together, or one after another spread evenly over <c>spreadOver</c>.
/// </summary>
internal static class LoadSlice
{
    // measured: the server whose CPU and memory the slice is charged to (and its store's CPU); none for a warm-up.
    public static async Task<SliceResult> RunAsync(
        StreamingClient client, int concurrency, TimeSpan duration, TimeSpan spreadOver, TargetServer? measured, CancellationToken cancellationToken)
    {
        var cpuBefore = measured?.Process.ReadCpuTime() ?? TimeSpan.Zero;
        var storeCpuBefore = measured?.Store?.ReadCpuTime() ?? TimeSpan.Zero;
        var modelCpuBefore = measured?.ReadModelCpuTime() ?? TimeSpan.Zero;
        var machineCpuBefore = measured is null ? TimeSpan.Zero : MachineCpu.ReadBusyTime();
        long peakRss = 0;
        var results = new List<StreamResult>[concurrency];
        var ran = new TimeSpan[concurrency];
        var clock = Stopwatch.StartNew();
        using var sampling = measured is null ? null : new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var sampler = sampling is null ? Task.CompletedTask : SampleAsync(sampling, () => peakRss = Math.Max(peakRss, measured!.Process.ReadRssBytes()));

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var own = results[worker] = [];
            var start = spreadOver * worker / concurrency;
            await Task.Delay(start, cancellationToken);
            while (clock.Elapsed < duration)
            {
                own.Add(await client.RunAsync(buffer, cancellationToken));
            }

            ran[worker] = clock.Elapsed - start;
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        sampling?.Dispose();
        await sampler;

        var completionsPerSecond = Enumerable.Range(0, concurrency).Sum(w => results[w].Count(s => s.Ok) / ran[w].TotalSeconds);
        var cpu = (measured?.Process.ReadCpuTime() ?? TimeSpan.Zero) - cpuBefore;
        var storeCpu = (measured?.Store?.ReadCpuTime() ?? TimeSpan.Zero) - storeCpuBefore;
        var modelCpu = (measured?.ReadModelCpuTime() ?? TimeSpan.Zero) - modelCpuBefore;
        var machineCpu = (measured is null ? TimeSpan.Zero : MachineCpu.ReadBusyTime()) - machineCpuBefore;
        return new SliceResult([.. results.SelectMany(r => r)], cpu, storeCpu, modelCpu, machineCpu, completionsPerSecond, peakRss);
    }

    private static async Task SampleAsync(PeriodicTimer timer, Action sample)
    {
        try
        {
            while (await timer.WaitForNextTickAsync())
            {
                sample();
            }
        }
        catch (ObjectDisposedException)
        {
            // The slice ended.
        }
    }
}
