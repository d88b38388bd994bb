using OpenChat.Api.Completions;

namespace OpenChat.Api.Tools;

internal static partial class ToolLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Read {Count} server tools from the Tools service.")]
    public static partial void CatalogLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The Tools service's catalog could not be read; the last known tools stay in use.")]
    public static partial void CatalogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Server tool {ToolName} ({CallId}) ended {Outcome} in {DurationMs} ms.")]
    public static partial void ToolCallEnded(ILogger logger, string toolName, string? callId, ToolOutcome outcome, double durationMs);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Trace, Message = "Server tool {ToolName} ({CallId}) arguments {Arguments} result {Result}.")]
    public static partial void ToolCallContent(ILogger logger, string toolName, string? callId, string arguments, string result);
}
