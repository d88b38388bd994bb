using System.Buffers;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// The last content chunk of a turn that was read in full. Most chunks of a stream are the bytes of the one before
/// around another piece of content (and, from OpenAI, other padding): a chunk equal to the template outside those
/// strings, whose strings need no unescaping, has the template's facts, and only its content is copied (as the reader
/// copies an unescaped string: its bytes as they are, which <see cref="System.Text.Json.Utf8JsonReader"/> does not
/// check for UTF-8 either). Reading every chunk in full was a tenth of the Api's CPU under load (bench/README.md,
/// fifth round).
/// </summary>
/// <remarks>
/// Only chunks whose reading changes nothing in the turn but its content are kept (no tool calls, finish, usage or
/// error), so a chunk that matches would have been read to the same facts: the same tokens in the same order, with
/// other strings where the inspector reads no string. What the inspector reads of the turn (whether the id and the
/// model are known yet) only goes from unknown to known, which makes no chunk of the template's shape read
/// differently.
/// </remarks>
internal sealed class ChunkTemplate
{
    /// <summary>Larger chunks are not kept: the template holds its chunk's bytes for the turn.</summary>
    public const int MaxBytes = 2048;

    /// <summary>What ends a string that needs no unescaping, or makes it one: a quote, a backslash, a control character.</summary>
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    private byte[]? _chunk;
    private int _length;
    private ChunkHoles _holes;
    private ChunkFacts _facts;

    /// <summary>Keeps the chunk just read in full as the template, if it is a content chunk the template can stand for.</summary>
    public void Learn(ReadOnlySpan<byte> json, in ChunkFacts facts, in ChunkHoles holes)
    {
        if (holes.ContentCount == 0 || holes.Overflowed || json.Length > MaxBytes
            || facts.IsOpaque || facts.IsError || facts.ServerToolDeltas > 0 || facts.ClientToolDeltas > 0 || facts.HasFinish || facts.HasUsage)
        {
            return;
        }

        if (_chunk is null || _chunk.Length < json.Length)
        {
            _chunk = new byte[Math.Max(json.Length, 256)];
        }

        json.CopyTo(_chunk);
        _length = json.Length;
        _holes = holes;
        _facts = facts;
    }

    /// <summary>
    /// The facts of a chunk of the template's shape, with its content copied to <paramref name="content"/>; false,
    /// with nothing copied, for any other chunk.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<byte> json, IBufferWriter<byte> content, out ChunkFacts facts)
    {
        facts = default;
        if (_chunk is null)
        {
            return false;
        }

        var template = _chunk.AsSpan(0, _length);
        Span<(int Start, int Length)> values = stackalloc (int, int)[ChunkHoles.Capacity];
        var rest = json;
        var templateAt = 0;
        for (var i = 0; i < _holes.Count; i++)
        {
            var hole = _holes[i];
            var same = template[templateAt..hole.Start];
            if (!rest.StartsWith(same))
            {
                return false;
            }

            // The value runs to the first quote, backslash or control character; the template's next part starts with the
            // closing quote, so a value that needs unescaping (or is not a JSON string) stops matching there.
            rest = rest[same.Length..];
            var length = rest.IndexOfAny(s_stringStops);
            if (length < 0 || (hole.IsContent && length == 0))
            {
                return false;
            }

            values[i] = (json.Length - rest.Length, length);
            rest = rest[length..];
            templateAt = hole.Start + hole.Length;
        }

        if (!rest.SequenceEqual(template[templateAt..]))
        {
            return false;
        }

        for (var i = 0; i < _holes.Count; i++)
        {
            if (_holes[i].IsContent)
            {
                // As the reader copies an unescaped string: in one piece, so a capped transcript cuts it where it would.
                content.WriteWhole(json.Slice(values[i].Start, values[i].Length));
            }
        }

        facts = _facts;
        return true;
    }
}
