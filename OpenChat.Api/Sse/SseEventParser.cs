using System.Buffers;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Sse;

/// <summary>
/// Reads the fields of one framed event. The usual event, a single <c>data:</c> line in one buffer segment, is
/// returned as a slice of the input; anything else (several data lines, comments, split segments) is
/// assembled in the caller's scratch buffers.
/// </summary>
internal static class SseEventParser
{
    public static SseEvent Parse(in ReadOnlySequence<byte> lines, PooledByteBuffer eventScratch, PooledByteBuffer dataScratch)
    {
        ReadOnlySpan<byte> span;
        if (lines.IsSingleSegment)
        {
            span = lines.FirstSpan;
            if (TryParseSingleDataLine(span, out var data))
            {
                return new SseEvent(data, default, hasData: true);
            }
        }
        else
        {
            eventScratch.Clear();
            foreach (var segment in lines)
            {
                eventScratch.Write(segment.Span);
            }

            span = eventScratch.WrittenSpan;
        }

        return ParseFields(span, dataScratch);
    }

    private static bool TryParseSingleDataLine(ReadOnlySpan<byte> span, out ReadOnlySpan<byte> data)
    {
        data = default;
        if (!span.StartsWith("data:"u8))
        {
            return false;
        }

        var lineEnd = span.IndexOfAny((byte)'\r', (byte)'\n');
        var end = lineEnd < 0 ? span.Length : lineEnd;
        var rest = span[end..];
        if (!(rest.IsEmpty || rest.SequenceEqual("\n"u8) || rest.SequenceEqual("\r\n"u8) || rest.SequenceEqual("\r"u8)))
        {
            return false;
        }

        data = StripOneSpace(span[5..end]);
        return true;
    }

    private static SseEvent ParseFields(ReadOnlySpan<byte> span, PooledByteBuffer dataScratch)
    {
        ReadOnlySpan<byte> firstData = default;
        ReadOnlySpan<byte> name = default;
        var dataLines = 0;

        while (!span.IsEmpty)
        {
            var lineEnd = span.IndexOfAny((byte)'\r', (byte)'\n');
            var line = lineEnd < 0 ? span : span[..lineEnd];
            span = lineEnd < 0 ? default : span[(lineEnd + BreakLength(span, lineEnd))..];

            if (line.IsEmpty || line[0] == (byte)':')
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? default : StripOneSpace(line[(colon + 1)..]);

            if (field.SequenceEqual("data"u8))
            {
                if (dataLines == 0)
                {
                    firstData = value;
                }
                else
                {
                    if (dataLines == 1)
                    {
                        dataScratch.Clear();
                        dataScratch.Write(firstData);
                    }

                    dataScratch.Write("\n"u8);
                    dataScratch.Write(value);
                }

                dataLines++;
            }
            else if (field.SequenceEqual("event"u8))
            {
                name = value;
            }
        }

        var data = dataLines > 1 ? dataScratch.WrittenSpan : firstData;
        return new SseEvent(data, name, hasData: dataLines > 0);
    }

    private static int BreakLength(ReadOnlySpan<byte> span, int index) =>
        span[index] == (byte)'\r' && index + 1 < span.Length && span[index + 1] == (byte)'\n' ? 2 : 1;

    private static ReadOnlySpan<byte> StripOneSpace(ReadOnlySpan<byte> value) =>
        !value.IsEmpty && value[0] == (byte)' ' ? value[1..] : value;
}
