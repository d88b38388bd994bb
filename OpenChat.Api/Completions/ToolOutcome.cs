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
    /// <summary>Not run, or not read whole: past one of the gateway's limits (calls per turn, argument or result size).</summary>
    LimitExceeded,
    Failed,
}
