namespace OpenChat.Api.Completions;

/// <summary>How a completion ended; stored with its transcript and used as a metric attribute.</summary>
internal enum CompletionStatus
{
    /// <summary>Still running; never stored.</summary>
    Running,
    Completed,
    ClientCancelled,
    UpstreamError,
    UpstreamTimeout,
    /// <summary>Completed, but at least one server tool call failed and the model was told so.</summary>
    ToolError,
    /// <summary>The model kept calling server tools past the round limit.</summary>
    LimitReached,
    Failed,
}
