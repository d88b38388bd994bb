using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Transcripts;

namespace OpenChat.Api.Tests.Transcripts;

public sealed class TranscriptQueueTests
{
    [Fact]
    public void Gives_up_the_oldest_only_beyond_its_bound_and_counts_them()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var queue = new TranscriptQueue(Options.Create(new TranscriptOptions { QueueCapacity = 3 }),
            services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<TranscriptQueue>.Instance);
        var records = Enumerable.Range(0, 5).Select(i => CompletionRecords.Completed("key_a", DateTimeOffset.UnixEpoch.AddSeconds(i))).ToList();

        records.ForEach(queue.Enqueue);

        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.DroppedCount);
        var kept = new List<string>();
        while (queue.Reader.TryRead(out var record))
        {
            kept.Add(record.Id);
        }

        Assert.Equal(records.Skip(2).Select(r => r.Id), kept);
    }
}
