namespace OpenChat.Api.Completions;

internal static class ToolOutcomeNames
{
    /// <summary>The snake_case name used in transcripts and metrics.</summary>
    public static string ToWireName(this ToolOutcome outcome) => outcome switch
    {
        ToolOutcome.Ok => "ok",
        ToolOutcome.InvalidArguments => "invalid_arguments",
        ToolOutcome.NotFound => "not_found",
        ToolOutcome.ToolError => "tool_error",
        ToolOutcome.Timeout => "timeout",
        ToolOutcome.Unavailable => "unavailable",
        ToolOutcome.LimitExceeded => "limit_exceeded",
        _ => "failed",
    };
}
