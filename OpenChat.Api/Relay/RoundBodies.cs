using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// The upstream body of each round, written when an upstream is about to be asked and for that upstream: its name
/// for the model, and whether it is always asked for usage. A fallback to an upstream that takes the same body
/// reuses it; a new round writes it anew, with the tool rounds appended so far. Once delivered, its array goes back to
/// the pool: kept to the stream's end, it held several kilobytes a stream (with the server tools), and at a few hundred
/// streams more arrays than the shared pool keeps.
/// </summary>
internal sealed class RoundBodies(ChatRequest request, ServerToolSet serverTools) : IChatBodySource, IDisposable
{
    private readonly PooledByteBuffer _buffer = new(request.Body.Length + serverTools.JsonLength + 512);
    private ChatBodyTarget? _written;
    private bool _forbidToolCalls;

    /// <summary>The messages of the tool rounds so far, appended to the client's.</summary>
    public List<byte[]> Appended { get; } = [];

    public void StartRound(bool forbidToolCalls)
    {
        _forbidToolCalls = forbidToolCalls;
        _written = null;
    }

    public ReadOnlyMemory<byte> BodyFor(ChatBodyTarget target)
    {
        if (_written != target)
        {
            // The usage chunk is asked for whenever streaming allows it: transcripts and token metrics need it even
            // when the client did not ask (the client then does not see it).
            var requestUsage = request.Stream && (request.ClientWantsUsage || target.AlwaysRequestUsage);
            _buffer.Clear();
            UpstreamBodyWriter.Write(_buffer, request, new UpstreamBodyPlan(target.Model, serverTools, Appended, requestUsage, _forbidToolCalls));
            _written = target;
        }

        return _buffer.WrittenMemory;
    }

    public void Delivered()
    {
        _buffer.Release();
        _written = null;
    }

    public void Dispose() => _buffer.Dispose();
}
