using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// Stream slots this replica took in Redis ahead of need, for keys whose only limit is their concurrent streams:
/// a request that finds one is admitted without a round trip to Redis. The admission script grants them only
/// while the key uses at most three quarters of its limit, counting every replica's slots and spares, so the limit
/// is never exceeded; as many are asked for as the key's requests on this replica in the last second, up to
/// <see cref="GovernanceOptions.SpareStreamSlots"/> and an eighth of the limit, and one more for each of the key's
/// requests here waiting for them (<see cref="TakeAsync"/>): those are taken at once. An ended stream's slot is kept as
/// a spare on the same terms, while the key's last admission script here, less than <see cref="MaxRoomAge"/> ago,
/// found it within three quarters: keeping a slot adds none to Redis, and saves the round trip that gives it back
/// as well as the next stream's, also for a key whose streams follow one another a second or more apart. A spare
/// not taken within <see cref="MaxSpareAge"/> goes back, so idle spares keep another replica from a key's last
/// slots for at most that long; a spare is taken only under the limit it was granted under, so a changed limit
/// holds as soon as the replica sees it, and a new rate limit sends the key's requests to Redis.
/// </summary>
internal sealed class SpareStreamSlots(StreamLeases leases, GovernanceMetrics metrics, IOptions<GovernanceOptions> options, TimeProvider timeProvider)
    : BackgroundService
{
    public static readonly TimeSpan MaxSpareAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long what the last admission script saw of a key's slots is trusted for keeping ended streams' slots.
    /// Keeping never adds a slot, so this only bounds how long a replica may go on reusing slots after other
    /// replicas took the key past three quarters of its limit.
    /// </summary>
    public static readonly TimeSpan MaxRoomAge = TimeSpan.FromSeconds(5);

    /// <summary>How many refills a request waits for before it asks Redis itself: a bound on its wait, not a limit.</summary>
    public const int MaxRefillWaits = 3;

    private readonly int _maxSpares = options.Value.SpareStreamSlots;
    private readonly ConcurrentDictionary<RedisKey, KeySpares> _byKey = new();
    private volatile bool _stopping;

    /// <summary>
    /// A spare slot of the key's set granted under <paramref name="maxStreams"/>, or else how the request is to ask
    /// the admission script. While another request of the key is asking Redis for spares, this one waits for that
    /// answer (up to <see cref="MaxRefillWaits"/> times) instead of sending a script of its own: streams that start
    /// together, a burst of clients or streams that ended on the same step of the model, then cost Redis a few
    /// scripts instead of one each, and wait for none but those few. The request that asks Redis while none is
    /// asking asks for the waiting requests' spares too, and must end its refill with <see cref="EndRefill"/>.
    /// Counts the request towards how many spares to keep.
    /// </summary>
    public async ValueTask<SpareTake> TakeAsync(RedisKey set, int maxStreams, CancellationToken cancellationToken)
    {
        if (_maxSpares == 0 || _stopping)
        {
            return default;
        }

        var spares = _byKey.GetOrAdd(set, static _ => new KeySpares());
        var waits = 0;
        var waiting = false;
        try
        {
            while (true)
            {
                var now = timeProvider.GetTimestamp();
                List<string>? old;
                SpareTake? take = null;
                Task<bool>? refill = null;
                lock (spares)
                {
                    if (waits == 0)
                    {
                        spares.CountRequest(now, timeProvider);
                    }

                    old = spares.TakeOld(now, timeProvider);
                    if (spares.Limit == maxStreams && spares.Slots.TryDequeue(out var spare))
                    {
                        take = new SpareTake(spare.Slot, 0, null);
                    }
                    else if (spares.Refill is { } asking && waits < MaxRefillWaits && !spares.Dropped && !_stopping)
                    {
                        refill = asking.Task;
                    }

                    // A request counts among the waiting (a spare wanted) while it waits, and no longer once it has
                    // a spare or asks Redis itself, so that its own ask does not count it.
                    if (waiting != refill is not null)
                    {
                        waiting = refill is not null;
                        spares.Waiting += waiting ? 1 : -1;
                    }

                    take ??= refill is null ? AskRedis(spares, maxStreams) : null;
                }

                Release(set, old);
                if (take is { } taken)
                {
                    return taken;
                }

                waits++;
                metrics.RefillWaits.Add(1);
                if (!await refill!.WaitAsync(cancellationToken))
                {
                    // The refill found the key without room for spares (or Redis away): the waiters ask Redis each,
                    // at once, as they would have without it.
                    waits = MaxRefillWaits;
                }
            }
        }
        finally
        {
            // Cancelled while waiting.
            if (waiting)
            {
                lock (spares)
                {
                    spares.Waiting--;
                }
            }
        }
    }

    /// <summary>
    /// Ends the request's refill, if it was the key's: the requests waiting for it look for a spare, and ask Redis
    /// themselves when <paramref name="roomLeft"/> is false (the script was refused, failed, was cancelled or granted
    /// fewer spares than asked for).
    /// </summary>
    public void EndRefill(RedisKey set, SpareTake take, bool roomLeft)
    {
        if (take.Refill is not { } refill)
        {
            return;
        }

        if (_byKey.TryGetValue(set, out var spares))
        {
            lock (spares)
            {
                if (spares.Refill == refill)
                {
                    spares.Refill = null;
                }
            }
        }

        refill.TrySetResult(roomLeft);
    }

    /// <summary>
    /// The spares to ask for: as many as the key's recent requests here want beyond those held, and one for each
    /// request waiting; the request becomes the key's refill when none is asking.
    /// </summary>
    private SpareTake AskRedis(KeySpares spares, int maxStreams)
    {
        if (spares.Refill is not null || spares.Dropped || _stopping)
        {
            return new SpareTake(null, 0, null);
        }

        var wanted = Math.Min(Math.Max(0, spares.Wanted(_maxSpares, maxStreams) - spares.Slots.Count) + spares.Waiting, GovernanceOptions.MaxSpareStreamSlots);
        spares.Refill = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new SpareTake(null, wanted, spares.Refill);
    }

    /// <summary>
    /// Keeps the spares the admission script granted beyond the request's own slot (named after it, renewed as
    /// held), and notes whether the key's slots, <paramref name="keySlots"/> with them, left room to keep ended
    /// streams' slots too.
    /// </summary>
    /// <returns>Whether the spares were kept and were as many as <paramref name="take"/> asked for: fewer means the
    /// key is past three quarters of its limit.</returns>
    public bool Granted(RedisKey set, SpareTake take, string requestSlot, int granted, long keySlots, int maxStreams)
    {
        if (_maxSpares == 0)
        {
            return false;
        }

        var spares = _byKey.GetOrAdd(set, static _ => new KeySpares());
        var now = timeProvider.GetTimestamp();
        string[] slots = granted == 0 ? [] : new string[granted];
        for (var i = 0; i < granted; i++)
        {
            slots[i] = $"{requestSlot}:{i + 1}";
            leases.Hold(set, slots[i]);
        }

        bool kept;
        lock (spares)
        {
            spares.Limit = maxStreams;
            spares.RoomSeenAt = keySlots <= maxStreams * 3 / 4 ? now : null;
            kept = !spares.Dropped && !_stopping;
            if (kept)
            {
                foreach (var slot in slots)
                {
                    spares.Slots.Enqueue((slot, now));
                }
            }
        }

        if (!kept)
        {
            // The key's entry was dropped as idle while the script ran, or the replica is stopping: nothing would
            // ever take these or give them back, so they go back now.
            Release(set, slots);
        }

        return kept && granted >= take.SparesWanted;
    }

    /// <summary>Keeps an ended stream's slot as a spare if the key's next streams here want one and there is room.</summary>
    public bool TryKeep(RedisKey set, string slot)
    {
        if (_maxSpares == 0 || _stopping || !_byKey.TryGetValue(set, out var spares))
        {
            return false;
        }

        var now = timeProvider.GetTimestamp();
        List<string>? old;
        bool kept;
        lock (spares)
        {
            // Spares about to go back make no room for this one.
            old = spares.TakeOld(now, timeProvider);
            kept = !spares.Dropped && !_stopping && spares.HasRoom(now, timeProvider)
                && spares.Slots.Count < spares.Wanted(_maxSpares, spares.Limit);
            if (kept)
            {
                spares.Slots.Enqueue((slot, now));
            }
        }

        Release(set, old);
        if (kept)
        {
            metrics.SlotsKept.Add(1);
        }

        return kept;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MaxSpareAge / 2, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            ReturnOld();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Streams that start while the host stops ask Redis: spares would outlive the replica by a lease.
        _stopping = true;
        await base.StopAsync(cancellationToken);
        ReturnAll();
    }

    private void ReturnOld()
    {
        var now = timeProvider.GetTimestamp();
        foreach (var (set, spares) in _byKey)
        {
            List<string>? old;
            lock (spares)
            {
                old = spares.TakeOld(now, timeProvider);
                if (spares.Slots.Count == 0 && spares.IsIdle(now, timeProvider))
                {
                    // A request still holding the dropped entry counts itself in it (one spare fewer asked for)
                    // and gives back what it is granted.
                    spares.Dropped = true;
                    _byKey.TryRemove(set, out _);
                }
            }

            Release(set, old);
        }
    }

    private void ReturnAll()
    {
        foreach (var (set, spares) in _byKey)
        {
            List<string> all;
            lock (spares)
            {
                all = [.. spares.Slots.Select(spare => spare.Slot)];
                spares.Slots.Clear();
            }

            Release(set, all);
        }
    }

    private void Release(RedisKey set, IEnumerable<string>? slots)
    {
        foreach (var slot in slots ?? [])
        {
            leases.Release(set, slot);
        }
    }

    /// <summary>A key's spares, oldest first, and its requests on this replica over the last whole second.</summary>
    private sealed class KeySpares
    {
        private long _windowStart;
        private int _requestsInWindow;

        public Queue<(string Slot, long GrantedAt)> Slots { get; } = new();

        public int RecentRequests { get; private set; }

        public bool Dropped { get; set; }

        /// <summary>The key's request asking Redis for spares now, whose answer the others wait for; true when it left room.</summary>
        public TaskCompletionSource<bool>? Refill { get; set; }

        /// <summary>The key's requests waiting for a refill, each of which wants a spare.</summary>
        public int Waiting { get; set; }

        /// <summary>The key's limit of concurrent streams when its last admission script here ran.</summary>
        public int Limit { get; set; }

        /// <summary>When the key's last admission script here found its slots within three quarters of its limit.</summary>
        public long? RoomSeenAt { get; set; }

        /// <summary>How many spares the key's streams here want: one per recent request, within both caps.</summary>
        public int Wanted(int maxSpares, int maxStreams) => Math.Min(Math.Min(maxSpares, maxStreams / 8), RecentRequests);

        /// <summary>
        /// Keeping a slot adds none to Redis, but holds one another replica might want: only while the last look at
        /// the key's slots is recent and found them within three quarters of its limit.
        /// </summary>
        public bool HasRoom(long now, TimeProvider timeProvider) =>
            RoomSeenAt is { } seenAt && timeProvider.GetElapsedTime(seenAt, now) < MaxRoomAge;

        /// <summary>
        /// Dequeues the spares granted <see cref="MaxSpareAge"/> or longer ago (the oldest, in front); null when
        /// there are none, as on almost every request.
        /// </summary>
        public List<string>? TakeOld(long now, TimeProvider timeProvider)
        {
            List<string>? old = null;
            while (Slots.TryPeek(out var spare) && timeProvider.GetElapsedTime(spare.GrantedAt, now) >= MaxSpareAge)
            {
                (old ??= []).Add(Slots.Dequeue().Slot);
            }

            return old;
        }

        public void CountRequest(long now, TimeProvider timeProvider)
        {
            var elapsed = timeProvider.GetElapsedTime(_windowStart, now);
            if (elapsed >= MaxSpareAge)
            {
                RecentRequests = elapsed < 2 * MaxSpareAge ? _requestsInWindow : 0;
                _windowStart = now;
                _requestsInWindow = 0;
            }

            _requestsInWindow++;
            RecentRequests = Math.Max(RecentRequests, _requestsInWindow);
        }

        /// <summary>No request for two seconds: nothing left to count.</summary>
        public bool IsIdle(long now, TimeProvider timeProvider) => timeProvider.GetElapsedTime(_windowStart, now) >= 2 * MaxSpareAge;
    }
}
