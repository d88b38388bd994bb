using System.Threading.Channels;

namespace OpenChat.Api.Hosting;

/// <summary>
/// Takes a writer's next batch from its queue. When fewer than a batch are queued, it waits a moment (the linger)
/// for more before taking them: completions that end one by one would otherwise go to Redis one round trip and one
/// script each, and Redis shares the machine's cores with the requests.
/// </summary>
internal static class BatchReader
{
    /// <summary>The longest linger start-up validation accepts: what waits that long is seen (a budget's usage, a transcript) that much later.</summary>
    public static readonly TimeSpan MaxLinger = TimeSpan.FromSeconds(1);

    /// <summary>Whether a configured linger is one a writer may wait: zero (none) up to <see cref="MaxLinger"/>.</summary>
    public static bool IsValidLinger(TimeSpan linger) => linger >= TimeSpan.Zero && linger <= MaxLinger;

    /// <summary>
    /// As the writers take their batches: the linger runs on the real clock, not the application's
    /// <see cref="TimeProvider"/>. It spaces round trips to Redis, and a test that holds the application's clock still
    /// must not hold the writers with it.
    /// </summary>
    public static ValueTask<bool> ReadAsync<T>(ChannelReader<T> reader, List<T> batch, int size, TimeSpan linger, CancellationToken abort) =>
        ReadAsync(reader, batch, size, linger, TimeProvider.System, abort);

    /// <summary>
    /// Fills <paramref name="batch"/> with at most <paramref name="size"/> items, waiting for the first and then, if
    /// the batch is not full, for <paramref name="linger"/> before taking whatever else has come.
    /// </summary>
    /// <returns>False once the queue is complete and empty.</returns>
    public static async ValueTask<bool> ReadAsync<T>(
        ChannelReader<T> reader, List<T> batch, int size, TimeSpan linger, TimeProvider timeProvider, CancellationToken abort)
    {
        batch.Clear();
        if (!await reader.WaitToReadAsync(abort))
        {
            return false;
        }

        Take(reader, batch, size);
        // A queue that is complete and now empty gets nothing more to wait for (the last batch at shutdown).
        if (batch.Count < size && linger > TimeSpan.Zero && !reader.Completion.IsCompleted)
        {
            try
            {
                await Task.Delay(linger, timeProvider, abort);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                // The abort ends the wait, not the batch: what was taken goes to the writer rather than nowhere.
            }

            Take(reader, batch, size);
        }

        return true;
    }

    private static void Take<T>(ChannelReader<T> reader, List<T> batch, int size)
    {
        while (batch.Count < size && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }
}
