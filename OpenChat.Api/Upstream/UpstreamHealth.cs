namespace OpenChat.Api.Upstream;

/// <summary>
/// Passive health of one upstream, judged from the requests it serves, as YARP's consecutive-failures policy
/// judges a destination: <see cref="RoutingOptions.FailureThreshold"/> failures in a row take it out of service
/// for <see cref="RoutingOptions.Cooldown"/>; a 429 with <c>Retry-After</c> takes it out at once for that long (at
/// most <see cref="RoutingOptions.MaxCooldown"/>); a refused key for <see cref="RoutingOptions.MaxCooldown"/>. When
/// the time is up, one request at a time probes it: success brings it back, failure sends it out again.
/// </summary>
internal sealed class UpstreamHealth(RoutingOptions options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();

    // Read on every request without the lock: 0 while in service, else the UTC ticks its cooldown ends at.
    private long _outUntilTicks;
    private int _probing;
    private int _failures;
    private bool _keyRejected;
    private string? _lastError;

    /// <summary>Whether routing may pick it first: in service, or its cooldown over with no probe in flight.</summary>
    public bool IsInService(DateTimeOffset now)
    {
        var until = Volatile.Read(ref _outUntilTicks);
        return until == 0 || (now.UtcTicks >= until && Volatile.Read(ref _probing) == 0);
    }

    /// <summary>When its cooldown ends; <see cref="DateTimeOffset.MinValue"/> while in service.</summary>
    public DateTimeOffset OutUntil => new(Volatile.Read(ref _outUntilTicks), TimeSpan.Zero);

    /// <summary>
    /// Starts a request to it. An upstream out of service whose cooldown is over is probed by this request if no
    /// other probes it; otherwise it is called only as a last resort.
    /// </summary>
    /// <returns>Null when it must not be called now; else whether this request is its probe.</returns>
    public bool? TryBegin(bool lastResort)
    {
        var until = Volatile.Read(ref _outUntilTicks);
        if (until == 0)
        {
            return false;
        }

        if (timeProvider.GetUtcNow().UtcTicks >= until && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
        {
            return true;
        }

        return lastResort ? false : null;
    }

    /// <returns>True when this brought it back into service.</returns>
    public bool RecordSuccess()
    {
        lock (_lock)
        {
            var wasOut = _outUntilTicks != 0;
            _failures = 0;
            _keyRejected = false;
            Volatile.Write(ref _outUntilTicks, 0);
            Volatile.Write(ref _probing, 0);
            return wasOut;
        }
    }

    /// <returns>True when this took it out of service.</returns>
    public bool RecordFailure(string error, TimeSpan? retryAfter, bool probe)
    {
        lock (_lock)
        {
            CountFailure(error, probe, keyRejected: false);
            if (retryAfter is { } wait && wait > TimeSpan.Zero)
            {
                return TakeOut(wait < options.MaxCooldown ? wait : options.MaxCooldown);
            }

            return (_failures >= options.FailureThreshold || probe) && TakeOut(options.Cooldown);
        }
    }

    /// <returns>True when this took it out of service.</returns>
    public bool RecordKeyRejected(string error, bool probe)
    {
        lock (_lock)
        {
            CountFailure(error, probe, keyRejected: true);
            return TakeOut(options.MaxCooldown);
        }
    }

    /// <summary>A request that ended with no verdict on the upstream (the client left): it no longer probes.</summary>
    public void Release(bool probe)
    {
        if (probe)
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    public UpstreamHealthSnapshot Snapshot()
    {
        lock (_lock)
        {
            var until = _outUntilTicks;
            if (until == 0)
            {
                return new UpstreamHealthSnapshot(UpstreamState.Healthy, null, _failures, _lastError);
            }

            var end = new DateTimeOffset(until, TimeSpan.Zero);
            var state = timeProvider.GetUtcNow() >= end ? UpstreamState.Probing
                : _keyRejected ? UpstreamState.KeyRejected
                : UpstreamState.CoolingDown;
            return new UpstreamHealthSnapshot(state, end, _failures, _lastError);
        }
    }

    private void CountFailure(string error, bool probe, bool keyRejected)
    {
        _failures++;
        _lastError = error;
        _keyRejected = keyRejected;
        if (probe)
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    /// <returns>True when it was in service until now.</returns>
    private bool TakeOut(TimeSpan duration)
    {
        var wasIn = _outUntilTicks == 0;
        var until = (timeProvider.GetUtcNow() + duration).UtcTicks;
        Volatile.Write(ref _outUntilTicks, Math.Max(until, _outUntilTicks));
        return wasIn;
    }
}
