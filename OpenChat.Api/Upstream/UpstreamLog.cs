namespace OpenChat.Api.Upstream;

internal static partial class UpstreamLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Upstream connection failed; retry {Attempt} in {DelayMs:0} ms.")]
    public static partial void RetryingAfterConnectionFailure(ILogger logger, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Upstream answered {Status}; retry {Attempt} in {DelayMs:0} ms.")]
    public static partial void RetryingAfterStatus(ILogger logger, int status, int attempt, double delayMs);
}
