using OpenChat.Api.Completions;

namespace OpenChat.Api.Relay;

internal static partial class RelayLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request rejected with {Status} ({Code}).")]
    public static partial void RequestRejected(ILogger logger, int status, string? code);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Completion {CompletionId} ended {Status} after {Rounds} round(s) in {DurationMs:0.0} ms.")]
    public static partial void CompletionEnded(ILogger logger, string completionId, CompletionStatus status, int rounds, double durationMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Completion {CompletionId} failed inside the gateway.")]
    public static partial void CompletionFailed(ILogger logger, string completionId, Exception exception);
}
