namespace OpenChat.Tools.Mcp.Federation;

/// <summary>How long to wait before connecting again: doubling from the base delay up to the maximum, with jitter.</summary>
internal static class ReconnectBackoff
{
    // 2^20 times any positive base delay is past any sensible maximum; the cap keeps the arithmetic finite.
    private const int MaxDoublings = 20;

    public static TimeSpan Delay(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay * Math.Pow(2, Math.Clamp(failures, 0, MaxDoublings));
        var capped = exponential < maxDelay ? exponential : maxDelay;

        // Equal jitter: half fixed, half random, so gateways that lost a server together do not return together.
        return (capped / 2) + (capped / 2 * Random.Shared.NextDouble());
    }
}
