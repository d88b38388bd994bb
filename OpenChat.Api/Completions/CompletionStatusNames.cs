namespace OpenChat.Api.Completions;

internal static class CompletionStatusNames
{
    /// <summary>The snake_case name used in transcripts, metrics and logs.</summary>
    public static string ToWireName(this CompletionStatus status) => status switch
    {
        CompletionStatus.Running => "running",
        CompletionStatus.Completed => "completed",
        CompletionStatus.ClientCancelled => "client_cancelled",
        CompletionStatus.UpstreamError => "upstream_error",
        CompletionStatus.UpstreamTimeout => "upstream_timeout",
        CompletionStatus.ToolError => "tool_error",
        CompletionStatus.LimitReached => "limit_reached",
        _ => "failed",
    };
}
