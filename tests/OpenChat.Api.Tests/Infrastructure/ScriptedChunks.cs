namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>Chunks for a <see cref="ScriptedUpstream"/> to stream, in OpenAI's form.</summary>
internal static class ScriptedChunks
{
    /// <summary>A chunk of one choice with the given delta (JSON) and finish reason.</summary>
    public static string Chunk(string delta, string? finish = null) =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";
}
