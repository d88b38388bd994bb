using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// The strings in a chunk whose value changes nothing the inspector decides: choice 0's content, which it copies
/// to the transcript, and the values of top-level fields it skips, such as OpenAI's <c>obfuscation</c> padding,
/// which differs in every chunk. Noted while a chunk is read in full, for <see cref="ChunkTemplate"/>.
/// </summary>
internal struct ChunkHoles
{
    /// <summary>A chunk with more such strings is not kept as a template (OpenAI's chunks have five).</summary>
    public const int Capacity = 8;

    private HoleArray _holes;

    public int Count { get; private set; }

    public int ContentCount { get; private set; }

    public bool Overflowed { get; private set; }

    public readonly ChunkHole this[int index] => _holes[index];

    /// <summary>Notes the string the reader is on.</summary>
    public void Add(in Utf8JsonReader reader, bool isContent)
    {
        if (Count == Capacity)
        {
            Overflowed = true;
            return;
        }

        // A string token starts at its opening quote; its value is between the quotes, as escaped.
        _holes[Count++] = new ChunkHole((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, isContent);
        ContentCount += isContent ? 1 : 0;
    }

    [InlineArray(Capacity)]
    private struct HoleArray
    {
        private ChunkHole _first;
    }
}

/// <param name="Start">Where the string's value starts, after its opening quote.</param>
/// <param name="Length">The value's length in bytes, as escaped.</param>
/// <param name="IsContent">Choice 0's content, copied to the transcript; otherwise a value that is skipped.</param>
internal readonly record struct ChunkHole(int Start, int Length, bool IsContent);
