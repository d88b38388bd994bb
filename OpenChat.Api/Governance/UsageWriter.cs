using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// Stores queued usage in Redis, a batch per round trip with one script for each key and model in it, off every
/// request's path; while Redis is away the batch in hand is retried with backoff. It stops after the server has
/// finished its last requests, once the queue is empty or the host's shutdown timeout has run out.
/// </summary>
internal sealed class UsageWriter(
    UsageQueue queue,
    RedisConnection redis,
    GovernanceKeys keys,
    GovernanceMetrics metrics,
    IOptions<GovernanceOptions> options,
    TimeProvider timeProvider,
    ILogger<UsageWriter> logger) : RedisBatchWriter<UsageEntry>(timeProvider)
{
    private readonly long _usageSeconds = (long)options.Value.UsageRetention.TotalSeconds;

    protected override ChannelReader<UsageEntry> Input => queue.Reader;

    protected override int BatchSize => 256;

    protected override TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(10);

    protected override void CompleteInput() => queue.Complete();

    protected override void OnAbandoned() => GovernanceLog.UsageLostAtShutdown(logger, queue.Count);

    protected override async Task StoreAsync(List<UsageEntry> batch)
    {
        var database = await redis.GetDatabaseAsync();
        var pipeline = database.CreateBatch();
        var writes = UsageTotal.Of(batch).Select(total => pipeline.ScriptEvaluateAsync(UsageScript.Source, Keys(total), Values(total))).ToList();
        pipeline.Execute();
        await Task.WhenAll(writes);
    }

    protected override void OnStored(List<UsageEntry> batch, int attempt) => metrics.UsageRecorded.Add(batch.Count);

    protected override void OnFailed(List<UsageEntry> batch, int attempt, TimeSpan? retryIn, Exception exception)
    {
        metrics.UsageWriteFailures.Add(1);
        if (retryIn is { } wait)
        {
            GovernanceLog.UsageWriteFailed(logger, batch.Count, attempt, wait.TotalMilliseconds, exception);
        }
    }

    protected override void OnRejected(UsageEntry entry, Exception exception)
    {
        metrics.UsageDropped.Add(1);
        GovernanceLog.UsageRejected(logger, entry.KeyId, exception);
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
