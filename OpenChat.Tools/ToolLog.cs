namespace OpenChat.Tools;

internal static partial class ToolLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Tool {ToolName} ran.")]
    public static partial void Invoked(ILogger logger, string toolName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Tool {ToolName} was called with arguments its schema refuses.")]
    public static partial void InvalidArguments(ILogger logger, string toolName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Tool {ToolName} could not carry out the call: {Reason}")]
    public static partial void ToolFailed(ILogger logger, string toolName, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Tool {ToolName} failed unexpectedly.")]
    public static partial void ToolCrashed(ILogger logger, string toolName, Exception exception);
}
