namespace OpenChat.Api.Completions;

/// <summary>How a server tool call ended.</summary>
internal enum ToolOutcome
{
    Ok,
    InvalidArguments,
    NotFound,
    ToolError,
    Timeout,
    Unavailable,
    Failed,
}
