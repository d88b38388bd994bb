namespace OpenChat.Api.Telemetry;

/// <summary>The names of the gateway's limits, as the <c>openchat.limit</c> attribute of <c>openchat.limits.exceeded</c>.</summary>
internal static class Limits
{
    public const string RequestBodyBytes = "request_body_bytes";
    public const string UpstreamEventBytes = "upstream_event_bytes";
    public const string StreamBytes = "stream_bytes";
    public const string ContentBytes = "content_bytes";
    public const string ToolCallsPerTurn = "tool_calls_per_turn";
    public const string ToolArgumentBytes = "tool_argument_bytes";
    public const string ToolResultBytes = "tool_result_bytes";
    public const string TranscriptBytes = "transcript_bytes";
    public const string TranscriptQueueBytes = "transcript_queue_bytes";
}
