using System.IO.Pipelines;
using System.Text;
using OpenChat.Api.Buffers;
using OpenChat.Api.Sse;

namespace OpenChat.Api.Tests.Buffers;

public sealed class BlockBufferWriterTests
{
    [Fact]
    public async Task A_reads_events_reach_the_pipe_in_order_with_one_block_and_one_advance()
    {
        var pipe = new CountingPipeWriter(new Pipe());
        var writer = new BlockBufferWriter(pipe);

        for (var i = 0; i < 10; i++)
        {
            SseWriter.WriteEvent(writer, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }

        writer.Commit();

        Assert.Equal((1, 1), (pipe.Blocks, pipe.Advances));
        Assert.Equal(Expected(10), await ReadAllAsync(pipe));
    }

    [Fact]
    public async Task Events_that_overflow_a_block_move_to_the_next_one_and_lose_nothing()
    {
        // Blocks of at least 16 bytes: each 11-byte event leaves too little room for the next.
        var pipe = new CountingPipeWriter(new Pipe(new PipeOptions(minimumSegmentSize: 16)));
        var writer = new BlockBufferWriter(pipe);

        for (var i = 0; i < 200; i++)
        {
            SseWriter.WriteEvent(writer, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }

        writer.Commit();

        Assert.True(pipe.Blocks > 1);
        Assert.Equal(Expected(200), await ReadAllAsync(pipe));
    }

    [Fact]
    public async Task Nothing_reaches_the_pipe_before_the_commit_and_a_commit_with_nothing_written_advances_nothing()
    {
        var pipe = new CountingPipeWriter(new Pipe());
        var writer = new BlockBufferWriter(pipe);

        writer.Commit();
        SseWriter.WriteEvent(writer, "{}"u8);
        Assert.Equal(0, pipe.Advances);

        writer.Commit();
        writer.Commit();

        Assert.Equal(1, pipe.Advances);
        Assert.Equal("data: {}\n\n", await ReadAllAsync(pipe));
    }

    [Fact]
    public void Refuses_to_advance_past_its_block()
    {
        var writer = new BlockBufferWriter(new Pipe().Writer);
        var length = writer.GetSpan(8).Length;

        Assert.Throws<InvalidOperationException>(() => writer.Advance(length + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
    }

    private static string Expected(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"data: {{\"n\":{i}}}\n\n"));

    private static async Task<string> ReadAllAsync(CountingPipeWriter pipe)
    {
        await pipe.CompleteAsync();
        var text = new StringBuilder();
        while (true)
        {
            var result = await pipe.Pipe.Reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.UTF8.GetString(segment.Span));
            }

            pipe.Pipe.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return text.ToString();
            }
        }
    }

    /// <summary>A pipe's writer that counts how often it is asked for a block and told of bytes written.</summary>
    private sealed class CountingPipeWriter(Pipe pipe) : PipeWriter
    {
        public Pipe Pipe { get; } = pipe;

        public int Blocks { get; private set; }

        public int Advances { get; private set; }

        public override void Advance(int bytes)
        {
            Advances++;
            Pipe.Writer.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            Blocks++;
            return Pipe.Writer.GetMemory(sizeHint);
        }

        public override Span<byte> GetSpan(int sizeHint = 0)
        {
            Blocks++;
            return Pipe.Writer.GetSpan(sizeHint);
        }

        public override void CancelPendingFlush() => Pipe.Writer.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => Pipe.Writer.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
            Pipe.Writer.FlushAsync(cancellationToken);
    }
}
