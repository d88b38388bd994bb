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

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Completion {CompletionId}: the {Sink} failed with its record.")]
    public static partial void SinkFailed(ILogger logger, string completionId, string sink, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Shutting down: {Count} completions in progress get up to {GraceSeconds} s to finish.")]
    public static partial void ShutdownStarted(ILogger logger, long count, double graceSeconds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Shutdown's grace ran out: {Count} completions were cut.")]
    public static partial void CompletionsCutAtShutdown(ILogger logger, long count);
}
