namespace OpenChat.Api.Resilience;

/// <summary>
/// Lets one caller through per interval: a warning about a dependency that is down is logged once a minute,
/// not once per request.
/// </summary>
internal sealed class IntervalGate(TimeSpan interval, TimeProvider timeProvider)
{
    private long _nextOpening = long.MinValue;

    public bool TryEnter()
    {
        var now = timeProvider.GetTimestamp();
        var next = Interlocked.Read(ref _nextOpening);
        var intervalTicks = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
        return now >= next && Interlocked.CompareExchange(ref _nextOpening, now + intervalTicks, next) == next;
    }
}
