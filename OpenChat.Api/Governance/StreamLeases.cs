using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// The stream slots this replica holds. A slot is a member of its key's sorted set scored by its lease deadline;
/// every third of the lease time this replica pushes the deadlines of all its slots forward in one batch, and a
/// finished stream removes its slot at once. A replica that dies renews nothing, so its slots run out within
/// one lease and the admission script drops them.
/// </summary>
internal sealed class StreamLeases(
    RedisConnection redis,
    GovernanceMetrics metrics,
    IOptions<GovernanceOptions> options,
    TimeProvider timeProvider,
    ILogger<StreamLeases> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<(RedisKey Set, string Slot), byte> _held = new();
    private readonly TimeSpan _lease = options.Value.StreamLeaseTime;

    public void Hold(RedisKey set, string slot) => _held.TryAdd((set, slot), 0);

    public void Release(RedisKey set, string slot)
    {
        if (_held.TryRemove((set, slot), out _))
        {
            _ = RemoveAsync(set, slot);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_lease / 3, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        var held = _held.Keys.ToList();
        if (held.Count == 0)
        {
            return;
        }

        try
        {
            var database = await redis.GetConnectedDatabaseAsync(options.Value.RedisTimeout);
            var deadline = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)_lease.TotalMilliseconds;
            var batch = database.CreateBatch();
            var renewals = held.Select(lease => (Task)batch.SortedSetAddAsync(lease.Set, lease.Slot, deadline, SortedSetWhen.Exists)).ToList();
            renewals.AddRange(held.Select(lease => lease.Set).Distinct().Select(set => batch.KeyExpireAsync(set, _lease + TimeSpan.FromSeconds(1))));
            batch.Execute();
            await Task.WhenAll(renewals);
        }
        catch (Exception exception) when (exception is RedisException || RedisFailures.IsAway(exception, CancellationToken.None))
        {
            GovernanceLog.LeaseRenewalFailed(logger, held.Count, exception);
        }
    }

    private async Task RemoveAsync(RedisKey set, string slot)
    {
        try
        {
            if (await redis.TryGetConnectedDatabaseAsync(TimeSpan.Zero) is { } database)
            {
                await database.SortedSetRemoveAsync(set, slot);
                metrics.SlotsReleased.Add(1);
            }
        }
        catch (Exception exception) when (exception is RedisException || RedisFailures.IsAway(exception, CancellationToken.None))
        {
            // The slot's lease runs out instead.
        }
    }
}
