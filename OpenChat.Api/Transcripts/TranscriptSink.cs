using Microsoft.Extensions.Options;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Turns each finished completion into its transcript JSON while the request's memory is still held, and queues
/// it for the writer. It never throws into the request: a completion that cannot be written is given up and counted.
/// </summary>
internal sealed class TranscriptSink(TranscriptQueue queue, GenAiMetrics metrics, IOptions<TranscriptOptions> options, ILogger<TranscriptSink> logger) : ICompletionSink
{
    private readonly int _maxBytes = options.Value.MaxTranscriptBytes;

    public void OnCompleted(CompletionRecord record)
    {
        PooledByteBuffer json;
        try
        {
            (json, var truncated) = TranscriptJson.Serialize(record, _maxBytes);
            if (truncated)
            {
                metrics.LimitExceeded(Limits.TranscriptBytes);
            }
        }
        catch (Exception exception)
        {
            TranscriptLog.SerializationFailed(logger, record.Id, exception);
            queue.GiveUp(record.Id, TranscriptDropReasons.Serialization);
            return;
        }

        queue.Enqueue(new QueuedTranscript(record.Id, record.Caller.KeyId, record.TraceContext, json));
    }
}
