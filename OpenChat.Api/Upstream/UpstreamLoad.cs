namespace OpenChat.Api.Upstream;

/// <summary>
/// The requests one upstream has in flight, streams to their last byte: what routing balances on, and what
/// <see cref="UpstreamOptions.MaxConcurrentRequests"/> bounds. An upstream at its limit is skipped, never waited for.
/// </summary>
internal sealed class UpstreamLoad(int? limit)
{
    private int _outstanding;

    public int Outstanding => Volatile.Read(ref _outstanding);

    public int? Limit => limit;

    public bool IsFull => limit is { } max && Volatile.Read(ref _outstanding) >= max;

    /// <summary>Counts a request in, unless that would pass the limit.</summary>
    public bool TryEnter()
    {
        var now = Interlocked.Increment(ref _outstanding);
        if (limit is { } max && now > max)
        {
            Interlocked.Decrement(ref _outstanding);
            return false;
        }

        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _outstanding);
}
