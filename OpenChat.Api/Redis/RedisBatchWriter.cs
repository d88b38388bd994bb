using System.Threading.Channels;
using OpenChat.Api.Hosting;
using OpenChat.Api.Resilience;

namespace OpenChat.Api.Redis;

/// <summary>
/// Stores what requests leave in a queue in Redis, a batch per round trip, off every request's path. While Redis is
/// away the batch in hand is tried again with backoff and the rest wait in the queue. When Redis answers and refuses,
/// the halves are stored on their own, so an item Redis will never take costs only itself: it is given up and the
/// writer goes on. As a <see cref="DrainingService"/> it keeps writing while the server drains its last requests.
/// </summary>
internal abstract class RedisBatchWriter<T>(TimeProvider timeProvider) : DrainingService
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(100);

    protected TimeProvider TimeProvider { get; } = timeProvider;

    protected abstract ChannelReader<T> Input { get; }

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan MaxRetryDelay { get; }

    /// <summary>Stores the whole batch in one round trip, failing as Redis fails.</summary>
    protected abstract Task StoreAsync(List<T> batch);

    /// <summary>The batch is stored, at its <paramref name="attempt"/>th try.</summary>
    protected abstract void OnStored(List<T> batch, int attempt);

    /// <summary>
    /// A try failed: Redis is away and the batch is tried again after <paramref name="retryIn"/>, or (null) Redis
    /// refused it and its halves are tried on their own.
    /// </summary>
    protected abstract void OnFailed(List<T> batch, int attempt, TimeSpan? retryIn, Exception exception);

    /// <summary>Redis refused this item on its own: it is given up.</summary>
    protected abstract void OnRejected(T item, Exception exception);

    /// <summary>A batch taken from the queue is done with: stored, given up, or cut off by shutdown.</summary>
    protected virtual void OnDone(List<T> batch)
    {
    }

    protected override async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<T>(BatchSize);
        try
        {
            while (await Input.WaitToReadAsync(abort))
            {
                batch.Clear();
                while (batch.Count < BatchSize && Input.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await StoreWithRetriesAsync(batch, abort);
                }
                finally
                {
                    OnDone(batch);
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time; StoppedAsync reports what was left.
        }
    }

    private async Task StoreWithRetriesAsync(List<T> batch, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StoreAsync(batch);
                OnStored(batch, attempt);
                return;
            }
            catch (Exception exception) when (RedisFailures.IsAway(exception, abort))
            {
                var wait = JitteredBackoff.Delay(attempt - 1, s_firstRetryDelay, MaxRetryDelay);
                OnFailed(batch, attempt, wait, exception);
                await Task.Delay(wait, TimeProvider, abort);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                OnFailed(batch, attempt, retryIn: null, exception);
                if (batch.Count == 1)
                {
                    OnRejected(batch[0], exception);
                    return;
                }

                var half = batch.Count / 2;
                await StoreWithRetriesAsync(batch[..half], abort);
                await StoreWithRetriesAsync(batch[half..], abort);
                return;
            }
        }
    }
}
