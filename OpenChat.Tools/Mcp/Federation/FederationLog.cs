namespace OpenChat.Tools.Mcp.Federation;

/// <summary>Events of the connections to external MCP servers; never arguments, results or header values.</summary>
internal static partial class FederationLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "MCP server {Server} connected (protocol {ProtocolVersion}).")]
    public static partial void Connected(ILogger logger, string server, string? protocolVersion);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "MCP server {Server} could not be reached; trying again in {Delay}.")]
    public static partial void ConnectFailed(ILogger logger, string server, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "MCP server {Server} went away ({Reason}); its tools are withdrawn; trying again in {Delay}.")]
    public static partial void Lost(ILogger logger, string server, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "MCP server {Server} now offers {ToolCount} tools.")]
    public static partial void ToolsPublished(ILogger logger, string server, int toolCount);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Tool {ToolName} of MCP server {Server} is left out: another of its tools is offered under the same name.")]
    public static partial void NameClash(ILogger logger, string server, string toolName);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "MCP server {Server} does not take subscriptions/listen ({Message}); its tool list is read again every refresh interval.")]
    public static partial void NoSubscriptions(ILogger logger, string server, string message);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "MCP server {Server} offers more than {MaxTools} tools; the rest are left out.")]
    public static partial void TooManyTools(ILogger logger, string server, int maxTools);
}
