using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Transcripts;

namespace OpenChat.Api.Tests.Transcripts;

public sealed class TranscriptQueueTests
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Gives_up_the_oldest_only_beyond_its_byte_bound_and_counts_them()
    {
        var transcripts = Transcripts(5);
        var size = transcripts[0].Size;
        var queue = Queue(maxBytes: (size * 3) + (size / 2));

        transcripts.ForEach(queue.Enqueue);

        Assert.Equal(3, queue.Count);
        Assert.Equal(3L * size, queue.Bytes);
        Assert.Equal(2, queue.DroppedCount);
        var kept = new List<string>();
        while (queue.Reader.TryRead(out var transcript))
        {
            kept.Add(transcript.Id);
        }

        Assert.Equal(transcripts.Skip(2).Select(t => t.Id), kept);
    }

    [Fact]
    public void Counts_the_transcripts_being_written_until_they_are_released()
    {
        var transcripts = Transcripts(3);
        var size = transcripts[0].Size;
        var queue = Queue(maxBytes: (size * 2) + (size / 2));
        queue.Enqueue(transcripts[0]);
        queue.Enqueue(transcripts[1]);
        Assert.True(queue.Reader.TryRead(out var beingWritten));

        queue.Enqueue(transcripts[2]);

        // The one being written still counts: the bound holds what waits and what is in hand together.
        Assert.Equal(1, queue.DroppedCount);
        Assert.Equal(2L * size, queue.Bytes);
        queue.Release(beingWritten!);
        Assert.Equal((long)size, queue.Bytes);
    }

    private TranscriptQueue Queue(long maxBytes) =>
        new(Options.Create(new TranscriptOptions { MaxQueueBytes = maxBytes }),
            _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<TranscriptQueue>.Instance);

    private static List<QueuedTranscript> Transcripts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => CompletionRecords.Queued(CompletionRecords.Completed("key_a", DateTimeOffset.UnixEpoch.AddSeconds(i))))];
}
