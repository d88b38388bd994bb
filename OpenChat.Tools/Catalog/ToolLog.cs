using System.Text.Json;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// Arguments are what a user typed into a chat, so they appear only at Trace; the other events name the tool and
/// the kind of outcome, never the values.
/// </summary>
internal static partial class ToolLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "Tool {ToolName} called with {Arguments}.")]
    public static partial void Called(ILogger logger, string toolName, JsonElement arguments);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Tool {ToolName} ran.")]
    public static partial void Succeeded(ILogger logger, string toolName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Tool {ToolName} was called with arguments its schema refuses.")]
    public static partial void InvalidArguments(ILogger logger, string toolName);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Tool {ToolName} could not carry out the call.")]
    public static partial void ToolError(ILogger logger, string toolName);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Tool {ToolName} failed unexpectedly.")]
    public static partial void Crashed(ILogger logger, string toolName, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Tool {ToolName} of MCP server {Server} is left out: a built-in tool has that name.")]
    public static partial void ExternalToolShadowed(ILogger logger, string toolName, string server);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Tool {ToolName} of MCP server {Server} is left out: {Reason}")]
    public static partial void ExternalToolRefused(ILogger logger, string toolName, string server, string reason);
}
