using System.Buffers;

namespace OpenChat.Api.Sse;

/// <summary>
/// Finds where the next Server-Sent Event ends in a buffer that always starts at an event's first byte. Lines
/// may end in <c>\n</c>, <c>\r\n</c> or <c>\r</c>, and an event may arrive over many reads: the framer
/// remembers how far it has already looked, so a 1 MiB event costs one scan, not one per read.
/// </summary>
internal sealed class SseEventFramer
{
    private long _scanned;
    private bool _atLineStart = true;

    /// <summary>
    /// Frames the event at the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Unconsumed input, starting at an event boundary.</param>
    /// <param name="isCompleted">No more input will come: a trailing event without its blank line still counts.</param>
    /// <param name="eventLines">The event's lines with their line breaks, without the blank line that ends it.</param>
    /// <param name="consumed">Where the next event starts.</param>
    /// <returns>False when the buffer holds no complete event yet.</returns>
    public bool TryFrame(in ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> eventLines, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(_scanned);

        while (true)
        {
            var lineStart = reader.Position;
            if (_atLineStart && reader.TryPeek(out var first) && first is (byte)'\r' or (byte)'\n')
            {
                // An empty line: the event ends before it. A CR here ends the event even if its LF has not come
                // yet; a late LF then reads as an empty event of its own, which carries nothing.
                TrySkipLineBreak(ref reader, isCompleted: true);
                eventLines = buffer.Slice(0, lineStart);
                consumed = reader.Position;
                Reset();
                return true;
            }

            if (!reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
            {
                if (isCompleted && buffer.Length > 0)
                {
                    eventLines = buffer;
                    consumed = buffer.End;
                    Reset();
                    return true;
                }

                // Still at the start of a line only if nothing follows the last line break.
                _atLineStart &= buffer.Slice(lineStart).IsEmpty;
                _scanned = buffer.Length;
                eventLines = default;
                consumed = buffer.Start;
                return false;
            }

            var breakStart = reader.Position;
            if (!TrySkipLineBreak(ref reader, isCompleted))
            {
                _atLineStart = false;
                return NeedMore(buffer, breakStart, out eventLines, out consumed);
            }

            _atLineStart = true;
        }
    }

    /// <summary>Skips one line break; a lone <c>\r</c> at the end of input may yet be the start of <c>\r\n</c>.</summary>
    private static bool TrySkipLineBreak(ref SequenceReader<byte> reader, bool isCompleted)
    {
        reader.TryRead(out var lineBreak);
        if (lineBreak == (byte)'\r')
        {
            if (reader.TryPeek(out var next))
            {
                if (next == (byte)'\n')
                {
                    reader.Advance(1);
                }
            }
            else if (!isCompleted)
            {
                reader.Rewind(1);
                return false;
            }
        }

        return true;
    }

    private bool NeedMore(in ReadOnlySequence<byte> buffer, SequencePosition resumeAt, out ReadOnlySequence<byte> eventLines, out SequencePosition consumed)
    {
        _scanned = buffer.Slice(0, resumeAt).Length;
        eventLines = default;
        consumed = buffer.Start;
        return false;
    }

    private void Reset()
    {
        _scanned = 0;
        _atLineStart = true;
    }
}
