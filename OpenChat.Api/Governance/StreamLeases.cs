using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// The stream slots this replica holds. A slot is a member of its key's sorted set scored by its lease deadline;
/// every third of the lease time this replica pushes the deadlines of all its slots forward in one batch, and
/// finished streams give their slots back together, one round trip for all that finished while the last one was
/// on its way. A replica that dies renews nothing, so its slots run out within one lease and the admission script
/// drops them.
/// </summary>
internal sealed class StreamLeases(
    RedisConnection redis,
    GovernanceMetrics metrics,
    IOptions<GovernanceOptions> options,
    TimeProvider timeProvider,
    ILogger<StreamLeases> logger)
    : BackgroundService
{
    // A release that finds the queue full is not lost: its slot's lease runs out instead.
    private const int MaxQueuedReleases = 4096;
    private const int MaxReleasesPerRoundTrip = 512;

    private readonly ConcurrentDictionary<(RedisKey Set, string Slot), byte> _held = new();
    private readonly Channel<(RedisKey Set, string Slot)> _releases = Channel.CreateBounded<(RedisKey Set, string Slot)>(
        new BoundedChannelOptions(MaxQueuedReleases) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly TimeSpan _lease = options.Value.StreamLeaseTime;

    public void Hold(RedisKey set, string slot) => _held.TryAdd((set, slot), 0);

    public void Release(RedisKey set, string slot)
    {
        if (_held.TryRemove((set, slot), out _))
        {
            _releases.Writer.TryWrite((set, slot));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RenewEveryThirdOfTheLeaseAsync(stoppingToken), ReleaseAsFinishedAsync(stoppingToken));

    private async Task RenewEveryThirdOfTheLeaseAsync(CancellationToken stoppingToken)
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

    private async Task ReleaseAsFinishedAsync(CancellationToken stoppingToken)
    {
        var reader = _releases.Reader;
        var bySet = new Dictionary<RedisKey, List<RedisValue>>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var count = 0;
            while (count < MaxReleasesPerRoundTrip && reader.TryRead(out var release))
            {
                if (!bySet.TryGetValue(release.Set, out var slots))
                {
                    bySet[release.Set] = slots = [];
                }

                slots.Add(release.Slot);
                count++;
            }

            await RemoveAsync(bySet, count);
            bySet.Clear();
        }
    }

    private async Task RemoveAsync(Dictionary<RedisKey, List<RedisValue>> bySet, int count)
    {
        try
        {
            if (await redis.TryGetConnectedDatabaseAsync(TimeSpan.Zero) is { } database)
            {
                var batch = database.CreateBatch();
                var removals = bySet.Select(set => (Task)batch.SortedSetRemoveAsync(set.Key, [.. set.Value])).ToList();
                batch.Execute();
                await Task.WhenAll(removals);
                metrics.SlotsReleased.Add(count);
            }
        }
        catch (Exception exception) when (exception is RedisException || RedisFailures.IsAway(exception, CancellationToken.None))
        {
            // The slots' leases run out instead.
        }
    }
}
