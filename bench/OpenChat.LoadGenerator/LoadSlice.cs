using System.Diagnostics;

namespace OpenChat.LoadGenerator;

/// <summary>
/// C workers, each streaming one completion after another until the slice's time is up. Requests started
/// before the deadline run to their end and count; each worker's rate is taken over the time it ran.
/// </summary>
internal static class LoadSlice
{
    public static async Task<SliceResult> RunAsync(StreamingClient client, int concurrency, TimeSpan duration, Action? sample, CancellationToken cancellationToken, Func<TimeSpan>? cpu = null)
    {
        var cpuBefore = cpu?.Invoke() ?? TimeSpan.Zero;
        var results = new List<StreamResult>[concurrency];
        var ran = new TimeSpan[concurrency];
        var clock = Stopwatch.StartNew();
        using var sampling = sample is null ? null : new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var sampler = sampling is null ? Task.CompletedTask : SampleAsync(sampling, sample!);

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var own = results[worker] = [];
            while (clock.Elapsed < duration)
            {
                own.Add(await client.RunAsync(buffer, cancellationToken));
            }

            ran[worker] = clock.Elapsed;
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        sampling?.Dispose();
        await sampler;

        var completionsPerSecond = Enumerable.Range(0, concurrency).Sum(w => results[w].Count(s => s.Ok) / ran[w].TotalSeconds);
        var chunksPerSecond = Enumerable.Range(0, concurrency).Sum(w => results[w].Where(s => s.Ok).Sum(s => s.Chunks) / ran[w].TotalSeconds);
        return new SliceResult([.. results.SelectMany(r => r)], (cpu?.Invoke() ?? TimeSpan.Zero) - cpuBefore, completionsPerSecond, chunksPerSecond);
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
