using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Finished transcripts waiting for the writer, bounded by bytes: those queued and those the writer is storing
/// count until they are stored or given up. Adding never blocks the request that finished; past the bound the
/// oldest waiting transcript is given up, and that, like every transcript given up, is logged and counted.
/// </summary>
internal sealed class TranscriptQueue
{
    private readonly Channel<QueuedTranscript> _channel = Channel.CreateUnbounded<QueuedTranscript>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly long _maxBytes;
    private readonly ILogger<TranscriptQueue> _logger;
    private readonly Counter<long> _droppedCounter;
    private long _bytes;
    private long _dropped;

    public TranscriptQueue(IOptions<TranscriptOptions> options, IMeterFactory meterFactory, ILogger<TranscriptQueue> logger)
    {
        _maxBytes = options.Value.MaxQueueBytes;
        _logger = logger;
        var meter = meterFactory.Create(OpenChatTelemetry.Name);
        meter.CreateObservableGauge("openchat.transcripts.queue.depth", () => Count, "{transcript}", "Transcripts waiting to be written.");
        meter.CreateObservableGauge("openchat.transcripts.queue.size", () => Bytes, "By", "Bytes of transcripts waiting or being written.");
        _droppedCounter = meter.CreateCounter<long>("openchat.transcripts.dropped", "{transcript}", "Transcripts given up, by openchat.transcripts.reason.");
    }

    public int Count => _channel.Reader.Count;

    /// <summary>Bytes waiting and being written.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public long MaxBytes => _maxBytes;

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public ChannelReader<QueuedTranscript> Reader => _channel.Reader;

    public void Enqueue(QueuedTranscript transcript)
    {
        Interlocked.Add(ref _bytes, transcript.Size);
        if (!_channel.Writer.TryWrite(transcript))
        {
            Drop(transcript, TranscriptDropReasons.ShutDown);
            return;
        }

        while (Bytes > _maxBytes && _channel.Reader.TryRead(out var oldest))
        {
            Drop(oldest, TranscriptDropReasons.QueueFull);
        }
    }

    /// <summary>A transcript taken from the queue is stored or given up: its bytes no longer count.</summary>
    public void Release(QueuedTranscript transcript) => Interlocked.Add(ref _bytes, -transcript.Size);

    /// <summary>Reports a transcript that will never be stored.</summary>
    public void GiveUp(string transcriptId, string reason)
    {
        Interlocked.Increment(ref _dropped);
        _droppedCounter.Add(1, new KeyValuePair<string, object?>(TranscriptDropReasons.AttributeName, reason));
        TranscriptLog.TranscriptDropped(_logger, transcriptId, reason);
    }

    /// <summary>No more transcripts will come: the writer finishes once it has stored the rest.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Gives up a transcript that never reached Redis, so its array can go back to the pool.</summary>
    private void Drop(QueuedTranscript transcript, string reason)
    {
        Release(transcript);
        GiveUp(transcript.Id, reason);
        transcript.Json.Dispose();
    }
}
