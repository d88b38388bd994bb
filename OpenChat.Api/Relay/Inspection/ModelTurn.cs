using System.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// What one upstream response (one round of the tool loop) said, as far as the gateway needs to know: its
/// tool calls, finish reason, usage, ids, and the content of its first choice. Disposing it returns its calls'
/// pooled arguments, so what outlives the round is copied out first.
/// </summary>
internal sealed class ModelTurn(IReadOnlySet<string> serverToolNames, IBufferWriter<byte> content, int maxArgumentBytes) : IDisposable
{
    public ToolCallAccumulator ToolCalls { get; } = new(serverToolNames, maxArgumentBytes);

    /// <summary>Receives the unescaped UTF-8 content of choice 0.</summary>
    public IBufferWriter<byte> Content { get; } = content;

    /// <summary>The turn's last content chunk read in full, which the next chunks are matched against.</summary>
    public ChunkTemplate Template { get; } = new();

    public string? ResponseId { get; set; }

    public string? ResponseModel { get; set; }

    public string? FinishReason { get; set; }

    public TokenUsage? Usage { get; set; }

    public OpenAiErrorBody? Error { get; set; }

    public bool SawDone { get; set; }

    /// <summary>
    /// The turn asked for server tools only: the gateway runs them and asks the model again. Some servers
    /// finish such a turn with <c>stop</c> rather than <c>tool_calls</c>; a turn cut short (<c>length</c>,
    /// <c>content_filter</c>) has arguments that cannot be trusted and ends the loop instead.
    /// </summary>
    public bool EndsInServerToolCalls =>
        ToolCalls.ServerCallCount > 0 && ToolCalls.ClientCallCount == 0 && FinishReason is not ("length" or "content_filter");

    public void Dispose() => ToolCalls.Dispose();
}
