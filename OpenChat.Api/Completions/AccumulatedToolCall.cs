using System.Buffers;
using System.Text;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Completions;

/// <summary>One tool call of a model turn, put together from its streamed deltas.</summary>
internal sealed class AccumulatedToolCall(int index, bool isServer, int clientIndex, bool isLegacy, int maxArgumentBytes) : IDisposable
{
    private readonly CappedByteBuffer _arguments = new(maxArgumentBytes);

    /// <summary>The call's index in the upstream's stream.</summary>
    public int Index { get; } = index;

    /// <summary>Whether OpenChat.Tools runs this call; otherwise it belongs to the client.</summary>
    public bool IsServer { get; } = isServer;

    /// <summary>The index the client sees: client calls are numbered 0, 1, ... without the server calls between them.</summary>
    public int ClientIndex { get; } = clientIndex;

    /// <summary>A legacy <c>function_call</c> rather than an entry of <c>tool_calls</c>.</summary>
    public bool IsLegacy { get; } = isLegacy;

    public string? Id { get; set; }

    public string? Name { get; set; }

    public IBufferWriter<byte> ArgumentsWriter => _arguments;

    public string Arguments => Encoding.UTF8.GetString(_arguments.WrittenSpan);

    /// <summary>The arguments were longer than the gateway keeps: a server call is not run with them.</summary>
    public bool ArgumentsTruncated => _arguments.Truncated;

    public void Dispose() => _arguments.Dispose();
}
