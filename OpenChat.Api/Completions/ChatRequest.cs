using System.Runtime.InteropServices;
using System.Text.Json;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Completions;

/// <summary>
/// A client's chat-completion request: the few fields the gateway acts on, read once, and the parsed body that
/// everything else is copied from verbatim. Owns the pooled body buffer the document points into.
/// </summary>
internal sealed class ChatRequest(PooledByteBuffer body, JsonDocument document) : IDisposable
{
    public JsonElement Root => document.RootElement;

    public ReadOnlyMemory<byte> Body => body.WrittenMemory;

    public required JsonElement Messages { get; init; }

    public string? Model { get; init; }

    public bool Stream { get; init; }

    /// <summary><c>stream_options.include_usage</c> as the client sent it.</summary>
    public bool ClientWantsUsage { get; init; }

    /// <summary>The client's own tools, in the <c>tools</c> form or the legacy <c>functions</c> form.</summary>
    public JsonElement? Tools { get; init; }

    /// <summary>True when the client uses the legacy <c>functions</c>/<c>function_call</c> form.</summary>
    public bool UsesLegacyFunctions { get; init; }

    /// <summary>Names of the functions the client defined itself; such a name always belongs to the client.</summary>
    public required IReadOnlySet<string> ClientToolNames { get; init; }

    /// <summary>How many choices the client asked for (<c>n</c>).</summary>
    public int ChoiceCount { get; init; } = 1;

    /// <summary>The client said <c>tool_choice: "none"</c> (or <c>function_call: "none"</c>).</summary>
    public bool ToolChoiceNone { get; init; }

    /// <summary>
    /// The raw JSON of a value of this request, as memory of the body it was parsed from: valid until the request
    /// is disposed, which is after the completion's sinks have run.
    /// </summary>
    public ReadOnlyMemory<byte> RawMemory(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return Body.Span.Overlaps(raw, out var offset) ? Body.Slice(offset, raw.Length) : raw.ToArray();
    }

    public void Dispose()
    {
        document.Dispose();
        body.Dispose();
    }
}
