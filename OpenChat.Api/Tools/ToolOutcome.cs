namespace OpenChat.Api.Tools;

/// <summary>How a server tool call ended.</summary>
public enum ToolOutcome
{
    Ok,
    InvalidArguments,
    NotFound,
    ToolError,
    Timeout,
    Unavailable,
    Failed,
}
