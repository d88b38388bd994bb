using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;
using OpenChat.Api.Redis;
using OpenChat.Api.Resilience;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// Stores queued usage in Redis, a batch per round trip with one script for each key and model in it, off every
/// request's path. While Redis is
/// away the batch in hand is retried with backoff. It stops after the server has finished its last requests,
/// once the queue is empty or the host's shutdown timeout has run out.
/// </summary>
internal sealed class UsageWriter(
    UsageQueue queue,
    RedisConnection redis,
    GovernanceKeys keys,
    GovernanceMetrics metrics,
    IOptions<GovernanceOptions> options,
    TimeProvider timeProvider,
    ILogger<UsageWriter> logger) : DrainingService
{
    private const int BatchSize = 256;
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly long _usageSeconds = (long)options.Value.UsageRetention.TotalSeconds;

    protected override void CompleteInput() => queue.Complete();

    protected override void OnAbandoned() => GovernanceLog.UsageLostAtShutdown(logger, queue.Count);

    protected override async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<UsageEntry>(BatchSize);
        try
        {
            while (await BatchReader.ReadAsync(queue.Reader, batch, BatchSize, options.Value.UsageBatchLinger, abort))
            {
                await StoreWithRetriesAsync(batch, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time; StoppedAsync reports what was left.
        }
    }

    /// <summary>
    /// Stores a batch, waiting for Redis as long as it is away. When Redis answers and refuses, the halves are
    /// stored on their own, so an entry Redis will never take costs only itself: it is given up and counted, and
    /// the writer goes on.
    /// </summary>
    private async Task StoreWithRetriesAsync(List<UsageEntry> batch, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var database = await redis.GetDatabaseAsync();
                var pipeline = database.CreateBatch();
                var writes = UsageTotal.Of(batch).Select(total => pipeline.ScriptEvaluateAsync(UsageScript.Source, Keys(total), Values(total))).ToList();
                pipeline.Execute();
                await Task.WhenAll(writes);
                metrics.UsageRecorded.Add(batch.Count);
                return;
            }
            catch (Exception exception) when (RedisFailures.IsAway(exception, abort))
            {
                var wait = JitteredBackoff.Delay(attempt - 1, s_firstRetryDelay, s_maxRetryDelay);
                metrics.UsageWriteFailures.Add(1);
                GovernanceLog.UsageWriteFailed(logger, batch.Count, attempt, wait.TotalMilliseconds, exception);
                await Task.Delay(wait, timeProvider, abort);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                metrics.UsageWriteFailures.Add(1);
                if (batch.Count == 1)
                {
                    metrics.UsageDropped.Add(1);
                    GovernanceLog.UsageRejected(logger, batch[0].KeyId, exception);
                    return;
                }

                var half = batch.Count / 2;
                await StoreWithRetriesAsync(batch[..half], abort);
                await StoreWithRetriesAsync(batch[half..], abort);
                return;
            }
        }
    }

    private RedisKey[] Keys(UsageTotal entry) =>
    [
        keys.Usage(entry.KeyId, GovernanceKeys.DayOf(entry.At)),
        keys.UsageKeys(GovernanceKeys.DayOf(entry.At)),
        keys.DailySpend(entry.KeyId, entry.At),
        keys.MonthlySpend(entry.KeyId, entry.At),
        keys.Rate(entry.KeyId),
    ];

    private RedisValue[] Values(UsageTotal entry) =>
    [
        entry.Model,
        entry.InputTokens,
        entry.OutputTokens,
        entry.CostNanos,
        _usageSeconds,
        entry.KeyId,
        entry.InputTokens + entry.OutputTokens,
        // Spend outlives its period by a day, so a budget is never checked against a key that just expired.
        (long)TimeSpan.FromDays(2).TotalSeconds,
        (long)TimeSpan.FromDays(32).TotalSeconds,
        entry.WindowResetAt,
        entry.WindowTokenCorrection,
        entry.Requests,
    ];
}
