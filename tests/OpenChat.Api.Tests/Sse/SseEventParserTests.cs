using System.Buffers;
using System.Text;
using OpenChat.Api.Buffers;
using OpenChat.Api.Sse;

namespace OpenChat.Api.Tests.Sse;

public sealed class SseEventParserTests
{
    [Fact]
    public void Reads_a_single_data_line_without_copying_it()
    {
        var bytes = "data: {\"a\":1}\n"u8.ToArray();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();

        var sseEvent = SseEventParser.Parse(new ReadOnlySequence<byte>(bytes), eventScratch, dataScratch);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(sseEvent.Data));
        Assert.Equal(0, eventScratch.Length);
        Assert.Equal(0, dataScratch.Length);
    }

    [Fact]
    public void Keeps_the_event_name_and_strips_only_one_leading_space()
    {
        var bytes = "event: update\ndata:  two spaces\n"u8.ToArray();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();

        var sseEvent = SseEventParser.Parse(new ReadOnlySequence<byte>(bytes), eventScratch, dataScratch);

        Assert.Equal("update", Encoding.UTF8.GetString(sseEvent.Name));
        Assert.Equal(" two spaces", Encoding.UTF8.GetString(sseEvent.Data));
    }

    [Fact]
    public void Reports_comment_only_events_as_carrying_no_data()
    {
        var bytes = ": keep-alive\n"u8.ToArray();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();

        Assert.False(SseEventParser.Parse(new ReadOnlySequence<byte>(bytes), eventScratch, dataScratch).HasData);
    }

    [Fact]
    public void Recognises_the_done_sentinel()
    {
        var bytes = "data: [DONE]\r\n"u8.ToArray();
        using var eventScratch = new PooledByteBuffer();
        using var dataScratch = new PooledByteBuffer();

        Assert.True(SseEventParser.Parse(new ReadOnlySequence<byte>(bytes), eventScratch, dataScratch).IsDone);
    }
}
