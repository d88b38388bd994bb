namespace OpenChat.Api.Upstream;

/// <summary>
/// Tells an upstream's health how a request to it went, counts its failures by reason, and logs when it leaves
/// or comes back into service.
/// </summary>
internal sealed class UpstreamOutcomes(UpstreamMetrics metrics, ILogger<UpstreamOutcomes> logger)
{
    public void Succeeded(UpstreamClient upstream)
    {
        if (upstream.Health.RecordSuccess())
        {
            UpstreamLog.BackInService(logger, upstream.Name);
        }
    }

    /// <summary>
    /// A failure, by a low-cardinality <paramref name="reason"/> (the status, <c>timeout</c>, <c>unreachable</c> or
    /// <c>stream</c>); a 429's <paramref name="retryAfter"/> takes the upstream out at once for that long.
    /// </summary>
    public void Failed(UpstreamClient upstream, string reason, string error, TimeSpan? retryAfter, bool probe)
    {
        metrics.Failed(upstream, reason);
        if (upstream.Health.RecordFailure(error, retryAfter, probe))
        {
            UpstreamLog.TakenOut(logger, upstream.Name, upstream.Health.OutUntil, reason);
        }
    }

    public void KeyRejected(UpstreamClient upstream, string reason, string error, bool probe)
    {
        metrics.Failed(upstream, reason);
        if (upstream.Health.RecordKeyRejected(error, probe))
        {
            UpstreamLog.TakenOut(logger, upstream.Name, upstream.Health.OutUntil, reason);
        }
    }
}
