using System.Buffers;
using System.Text;
using OpenChat.Api.Buffers;
using OpenChat.Api.Sse;

namespace OpenChat.Api.Tests.Sse;

public sealed class SseEventFramerTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Frames_events_with_every_legal_line_ending(string lineEnding)
    {
        var input = $"data: one{lineEnding}{lineEnding}data: two{lineEnding}{lineEnding}";

        Assert.Equal(["one", "two"], FrameAll([input], isCompletedAtEnd: false));
    }

    [Fact]
    public void Waits_for_the_blank_line_when_an_event_is_split_across_reads()
    {
        Assert.Equal(["hello world"], FrameAll(["da", "ta: hello", " world\n", "\n"], isCompletedAtEnd: false));
    }

    [Fact]
    public void Does_not_take_a_trailing_carriage_return_for_a_line_end_until_the_next_byte_arrives()
    {
        // "\r" then "\n" in the next read is one CRLF, not an empty line that would end the event early.
        Assert.Equal(["a\nb"], FrameAll(["data: a\r", "\ndata: b\r\n\r\n"], isCompletedAtEnd: false));
    }

    [Fact]
    public void Ignores_comment_lines_and_joins_multi_line_data()
    {
        Assert.Equal(["first\nsecond"], FrameAll([": ping\ndata: first\ndata: second\n\n"], isCompletedAtEnd: false));
    }

    [Fact]
    public void Takes_an_unterminated_last_event_when_the_stream_ends()
    {
        Assert.Equal(["[DONE]"], FrameAll(["data: [DONE]\n"], isCompletedAtEnd: true));
    }

    [Fact]
    public void Frames_a_one_mebibyte_event_fed_in_small_reads()
    {
        var payload = new string('x', 1024 * 1024);
        var input = $"data: {payload}\n\n";
        var reads = Enumerable.Range(0, (input.Length + 4095) / 4096)
            .Select(i => input.Substring(i * 4096, Math.Min(4096, input.Length - (i * 4096))))
            .ToArray();

        var events = FrameAll(reads, isCompletedAtEnd: false);

        Assert.Equal(payload, Assert.Single(events));
    }

    /// <summary>Feeds reads the way the relay's pipe does: unconsumed bytes stay and new bytes are appended.</summary>
    private static List<string> FrameAll(string[] reads, bool isCompletedAtEnd)
    {
        var framer = new SseEventFramer();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();
        var pending = new List<byte>();
        var events = new List<string>();
        for (var i = 0; i < reads.Length; i++)
        {
            pending.AddRange(Encoding.UTF8.GetBytes(reads[i]));
            var isCompleted = isCompletedAtEnd && i == reads.Length - 1;
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            while (framer.TryFrame(buffer, isCompleted, out var lines, out var consumed))
            {
                var sseEvent = SseEventParser.Parse(lines, eventScratch, dataScratch);
                if (sseEvent.HasData)
                {
                    events.Add(Encoding.UTF8.GetString(sseEvent.Data));
                }

                buffer = buffer.Slice(consumed);
            }

            pending = [.. buffer.ToArray()];
        }

        return events;
    }
}
