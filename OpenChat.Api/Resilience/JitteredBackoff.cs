namespace OpenChat.Api.Resilience;

/// <summary>
/// Exponential backoff with jitter: the wait doubles from <c>baseDelay</c> up to <c>maxDelay</c>, and each wait is
/// drawn from its upper half, so callers failing together do not retry together.
/// </summary>
internal static class JitteredBackoff
{
    /// <param name="attempt">0 for the wait after the first failure.</param>
    /// <param name="baseDelay">The ceiling of the first wait.</param>
    /// <param name="maxDelay">The ceiling of every wait.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
