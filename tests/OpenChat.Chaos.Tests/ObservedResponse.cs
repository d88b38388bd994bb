namespace OpenChat.Chaos.Tests;

/// <summary>How a response ended, as the client saw it.</summary>
internal enum ResponseEnd
{
    /// <summary>200, a well-formed stream, exactly one <c>data: [DONE]</c> at its end.</summary>
    Done,

    /// <summary>200, a well-formed stream that ends with an error event and no <c>[DONE]</c>.</summary>
    ErrorEvent,

    /// <summary>Not 200, with OpenAI's error body.</summary>
    ErrorBody,

    /// <summary>Anything else: a malformed stream or body, a reset connection, no answer in time.</summary>
    Broken,
}

/// <summary>One response: its status, transcript id, end, the text it streamed and the error code it gave.</summary>
internal sealed record ObservedResponse(int Status, string? TranscriptId, ResponseEnd End, string Content, string? ErrorCode, string? Problem)
{
    public static ObservedResponse Broken(int status, string? transcriptId, string problem) =>
        new(status, transcriptId, ResponseEnd.Broken, "", null, problem);

    /// <summary>A short name for the figures: <c>completed</c>, <c>error event upstream_stream_broken</c>, <c>HTTP 500 null</c>...</summary>
    public string Outcome => End switch
    {
        ResponseEnd.Done => "completed",
        ResponseEnd.ErrorEvent => $"error event {ErrorCode ?? "null"}",
        ResponseEnd.ErrorBody => $"HTTP {Status} {ErrorCode ?? "null"}",
        _ => "broken",
    };

    public string Describe() => End == ResponseEnd.Broken
        ? $"broken response (HTTP {Status}): {Problem}"
        : $"{Outcome} with content \"{(Content.Length > 80 ? Content[..80] + "..." : Content)}\"";
}
