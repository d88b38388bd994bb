using System.Buffers;
using CsCheck;
using OpenChat.Api.Buffers;
using OpenChat.Api.Sse;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Sse;

/// <summary>
/// The framer and parser over generated input, fed in generated reads the way the relay's pipe feeds them. A failure
/// prints its seed; <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class SseEventFramerPropertyTests
{
    /// <summary>Pieces that make SSE interesting (field names, colons, every line ending), and arbitrary bytes between them.</summary>
    private static readonly Gen<byte[]> s_streamBytes = Gen.Frequency(
            (6, Gen.OneOf(
                Gen.Const("data:"u8.ToArray()), Gen.Const("data: "u8.ToArray()), Gen.Const("event: "u8.ToArray()),
                Gen.Const(":"u8.ToArray()), Gen.Const(" "u8.ToArray()), Gen.Const("id: 1"u8.ToArray()), Gen.Const("x"u8.ToArray()))),
            (6, Gen.OneOf(Gen.Const("\n"u8.ToArray()), Gen.Const("\r"u8.ToArray()), Gen.Const("\r\n"u8.ToArray()))),
            (2, Gen.Byte.Array[1, 6]))
        .List[0, 60]
        .Select(pieces => pieces.SelectMany(piece => piece).ToArray());

    /// <summary>A line of an event's data or name: any bytes but CR and LF, mostly text.</summary>
    private static readonly Gen<byte[]> s_lineBytes = Gen.Frequency(
        (8, Gen.Frequency((8, Gen.Byte[0x20, 0x7E]), (1, Gen.Byte.Where(b => b is not ((byte)'\r' or (byte)'\n')))).Array[0, 24]),
        (1, Gen.Byte[(byte)'a', (byte)'z'].Array[16_000, 20_000]));

    private static readonly Gen<WrittenEvent> s_events = Gen.Select(
        s_lineBytes.Array[1, 4],
        Gen.Frequency((2, Gen.Const(Array.Empty<byte>())), (1, s_lineBytes)),
        (lines, name) => new WrittenEvent(Join(lines), name));

    [Fact]
    public void Frames_arbitrary_bytes_in_any_reads_without_throwing_and_consumes_every_byte_into_the_same_events()
    {
        Gen.Select(s_streamBytes, Reads.Sizes, Gen.Bool).Sample((input, sizes, completionAlone) =>
        {
            var expected = ReadWhole(input);

            var events = FrameInReads(Reads.Split(input, sizes), completionAlone);

            Assert.Equal(expected, events);
        }, iter: 2000, print: t => $"input {Printable.Bytes(t.Item1)}, reads of {string.Join(",", t.Item2)}, completion alone {t.Item3}");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Reads_back_whatever_the_writer_wrote_in_any_reads_and_with_any_line_ending(string lineEnding)
    {
        Gen.Select(s_events.List[0, 8], Reads.Sizes, Gen.Bool).Sample((written, sizes, done) =>
        {
            var output = new ArrayBufferWriter<byte>();
            foreach (var sseEvent in written)
            {
                SseWriter.WriteEvent(output, sseEvent.Data, sseEvent.Name);
            }

            if (done)
            {
                SseWriter.WriteDone(output);
            }

            var bytes = WithLineEnding(output.WrittenSpan, lineEnding);
            var expected = done ? [.. written, new WrittenEvent("[DONE]"u8.ToArray(), [])] : written;

            Assert.Equal(expected, FrameInReads(Reads.Split(bytes, sizes), completionAlone: false));
        }, iter: 300, print: t => $"{t.Item1.Count} events: {string.Join(" | ", t.Item1)}, reads of {string.Join(",", t.Item2)}, done {t.Item3}");
    }

    /// <summary>
    /// Frames and parses the reads as the relay does: each read appended to what is still unconsumed, the last read
    /// (or an empty read after it) marked completed. Checks that each framed event consumes something and that
    /// nothing is left once the input is complete.
    /// </summary>
    private static List<WrittenEvent> FrameInReads(List<byte[]> reads, bool completionAlone)
    {
        var framer = new SseEventFramer();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();
        var steps = reads.Select((read, i) => (Read: read, IsCompleted: !completionAlone && i == reads.Count - 1)).ToList();
        if (completionAlone || reads.Count == 0)
        {
            steps.Add(([], true));
        }

        var events = new List<WrittenEvent>();
        var unconsumed = new List<ReadOnlyMemory<byte>>();
        foreach (var (read, isCompleted) in steps)
        {
            if (read.Length > 0)
            {
                unconsumed.Add(read);
            }

            var buffer = SegmentedSequence.Of(unconsumed);
            while (framer.TryFrame(buffer, isCompleted, out var lines, out var consumed))
            {
                var rest = buffer.Slice(consumed);
                Assert.True(rest.Length < buffer.Length, "A framed event consumed no bytes.");
                var sseEvent = SseEventParser.Parse(lines, eventScratch, dataScratch);
                if (sseEvent.HasData)
                {
                    events.Add(new WrittenEvent(sseEvent.Data.ToArray(), sseEvent.Name.ToArray()));
                }

                buffer = rest;
            }

            if (isCompleted)
            {
                Assert.True(buffer.IsEmpty, $"{buffer.Length} bytes were left unconsumed at the end of the input.");
            }

            unconsumed = [.. buffer];
        }

        return events;
    }

    /// <summary>
    /// The reading the framer and parser implement, written plainly over the whole input: lines end at CRLF, CR or
    /// LF; a blank line ends an event; comments are skipped; data lines join with LF; the last <c>event</c> names
    /// the event; one space after the colon is dropped; an event left open when the input ends still counts.
    /// </summary>
    private static List<WrittenEvent> ReadWhole(byte[] input)
    {
        var events = new List<WrittenEvent>();
        List<byte[]>? data = null;
        byte[] name = [];
        foreach (var line in Lines(input).Append([]))
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    events.Add(new WrittenEvent(Join(data), name));
                }

                (data, name) = (null, []);
                continue;
            }

            if (line[0] == (byte)':')
            {
                continue;
            }

            var colon = Array.IndexOf(line, (byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            value = value is [(byte)' ', ..] ? value[1..] : value;
            if (field.AsSpan().SequenceEqual("data"u8))
            {
                (data ??= []).Add(value);
            }
            else if (field.AsSpan().SequenceEqual("event"u8))
            {
                name = value;
            }
        }

        return events;
    }

    private static IEnumerable<byte[]> Lines(byte[] input)
    {
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] is (byte)'\r' or (byte)'\n')
            {
                yield return input[start..i];
                if (input[i] == (byte)'\r' && i + 1 < input.Length && input[i + 1] == (byte)'\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < input.Length)
        {
            yield return input[start..];
        }
    }

    private static byte[] WithLineEnding(ReadOnlySpan<byte> written, string lineEnding)
    {
        var ending = System.Text.Encoding.ASCII.GetBytes(lineEnding);
        var bytes = new List<byte>(written.Length * 2);
        foreach (var b in written)
        {
            if (b == (byte)'\n')
            {
                bytes.AddRange(ending);
            }
            else
            {
                bytes.Add(b);
            }
        }

        return [.. bytes];
    }

    private static byte[] Join(IEnumerable<byte[]> lines) => [.. lines.Aggregate((joined, line) => [.. joined, (byte)'\n', .. line])];

    /// <summary>An event as the client reads it: its data and its name (empty when it has none).</summary>
    private sealed record WrittenEvent(byte[] Data, byte[] Name)
    {
        public bool Equals(WrittenEvent? other) => other is not null && Data.AsSpan().SequenceEqual(other.Data) && Name.AsSpan().SequenceEqual(other.Name);

        public override int GetHashCode() => HashCode.Combine(Data.Length, Name.Length);

        public override string ToString() => $"event {Printable.Bytes(Name)} data {Printable.Bytes(Data)}";
    }
}
