using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Finished completions waiting for the writer. Adding never blocks the request that finished; only when the
/// bound is reached is the oldest given up, and that is reported.
/// </summary>
internal sealed class TranscriptQueue
{
    private readonly Channel<CompletionRecord> _channel;
    private readonly ILogger<TranscriptQueue> _logger;
    private readonly Counter<long> _droppedCounter;
    private long _dropped;

    public TranscriptQueue(IOptions<TranscriptOptions> options, IMeterFactory meterFactory, ILogger<TranscriptQueue> logger)
    {
        _logger = logger;
        var meter = meterFactory.Create(OpenChatTelemetry.Name);
        meter.CreateObservableGauge("openchat.transcripts.queue.depth", () => Count, "{transcript}", "Transcripts waiting to be written.");
        _droppedCounter = meter.CreateCounter<long>("openchat.transcripts.dropped", "{transcript}", "Transcripts given up because the queue was full.");
        _channel = Channel.CreateBounded<CompletionRecord>(
            new BoundedChannelOptions(options.Value.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnDropped);
    }

    public int Count => _channel.Reader.Count;

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public ChannelReader<CompletionRecord> Reader => _channel.Reader;

    public void Enqueue(CompletionRecord record) => _channel.Writer.TryWrite(record);

    /// <summary>No more transcripts will come: the writer finishes once it has stored the rest.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void OnDropped(CompletionRecord record)
    {
        Interlocked.Increment(ref _dropped);
        _droppedCounter.Add(1);
        TranscriptLog.TranscriptDropped(_logger, record.Id);
    }
}
