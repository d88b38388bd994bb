using System.Buffers;
using System.Text;
using OpenChat.Api.Sse;

namespace OpenChat.Api.Tests.Sse;

public sealed class SseWriterTests
{
    [Fact]
    public void Writes_data_as_one_line_per_line_and_a_blank_line_after()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteEvent(output, "a\nb"u8, "update"u8);

        Assert.Equal("event: update\ndata: a\ndata: b\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Writes_the_done_sentinel()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteDone(output);

        Assert.Equal("data: [DONE]\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
