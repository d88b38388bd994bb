using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// The stream slots this replica holds. A slot is a member of its key's sorted set scored by its lease deadline;
/// every third of the lease time this replica pushes the deadlines of all its slots forward in one batch, and
/// finished streams give their slots back together: the first release starts a drain, and every release queued
/// while its round trip is out goes in the next one. The drain needs no background loop, so streams that finish
/// while the host stops (after this service) still give their slots back. A replica that dies renews nothing, so
/// its slots run out within one lease and the admission script drops them.
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
    private int _draining;

    public void Hold(RedisKey set, string slot) => _held.TryAdd((set, slot), 0);

    public void Release(RedisKey set, string slot)
    {
        if (_held.TryRemove((set, slot), out _) && _releases.Writer.TryWrite((set, slot)) && Interlocked.Exchange(ref _draining, 1) == 0)
        {
            _ = DrainReleasesAsync();
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

    /// <summary>Gives back what is queued, a round trip at a time, until the queue is empty; one drain runs at a time.</summary>
    private async Task DrainReleasesAsync()
    {
        var releases = new List<(RedisKey Set, string Slot)>();
        while (true)
        {
            while (releases.Count < MaxReleasesPerRoundTrip && _releases.Reader.TryRead(out var release))
            {
                releases.Add(release);
            }

            if (releases.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                // A release queued between the last read and now saw the drain running and left its slot to it.
                if (!_releases.Reader.TryPeek(out _) || Interlocked.Exchange(ref _draining, 1) != 0)
                {
                    return;
                }

                continue;
            }

            await RemoveAsync(releases);
            releases.Clear();
        }
    }

    private async Task RemoveAsync(List<(RedisKey Set, string Slot)> releases)
    {
        try
        {
            if (await redis.TryGetConnectedDatabaseAsync(TimeSpan.Zero) is { } database)
            {
                var batch = database.CreateBatch();
                var removals = releases.GroupBy(release => release.Set, release => (RedisValue)release.Slot)
                    .Select(slots => (Task)batch.SortedSetRemoveAsync(slots.Key, [.. slots]))
                    .ToList();
                batch.Execute();
                await Task.WhenAll(removals);
                metrics.SlotsReleased.Add(releases.Count);
            }
        }
        catch (Exception exception) when (exception is RedisException || RedisFailures.IsAway(exception, CancellationToken.None))
        {
            // The slots' leases run out instead.
        }
    }
}
