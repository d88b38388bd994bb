using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary>
/// One transcript as <c>GET /v1/transcripts/{id}</c> serves it (README, "Transcripts"). Public, as are the other
/// types razor components take as parameters: components are public classes.
/// </summary>
public sealed record Transcript(
    string Id,
    DateTimeOffset CreatedAt,
    string? KeyId,
    string Status,
    string? RequestedModel,
    string? UpstreamModel,
    string? ResponseModel,
    bool Stream,
    string? FinishReason,
    string? Error,
    int Rounds,
    JsonElement? Messages,
    string? Content,
    IReadOnlyList<TranscriptToolCall>? ToolCalls,
    TranscriptUsage? Usage,
    double? TimeToFirstTokenMs,
    double? DurationMs,
    string? TraceId)
{
    public string Model => ResponseModel ?? UpstreamModel ?? RequestedModel ?? "";

    public IReadOnlyList<TranscriptToolCall> Calls => ToolCalls ?? [];
}

/// <summary>A tool call of a transcript: a server call with its result and duration, or a call passed to the client.</summary>
public sealed record TranscriptToolCall(int Round, string? Id, string Name, string? Arguments, bool Server, string? Result, string Outcome, double? DurationMs);

public sealed record TranscriptUsage(long PromptTokens, long CompletionTokens, long TotalTokens);

/// <summary>A page of transcripts, newest first, in OpenAI's list shape.</summary>
internal sealed record TranscriptList(IReadOnlyList<Transcript> Data, string? FirstId, string? LastId, bool HasMore);
