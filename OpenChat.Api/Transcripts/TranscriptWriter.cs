using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Stores queued transcripts in batches, off every request's path. While Redis is away the batch in hand is
/// retried with backoff and the rest wait in the queue, so nothing is lost unless the queue overflows. It
/// keeps writing while the server drains its last requests and stops only after they are done and the
/// queue is empty (or the host's shutdown timeout runs out).
/// </summary>
internal sealed class TranscriptWriter(
    TranscriptQueue queue,
    TranscriptStore store,
    TranscriptMetrics metrics,
    IOptions<TranscriptOptions> options,
    TimeProvider timeProvider,
    ILogger<TranscriptWriter> logger) : RedisBatchWriter<QueuedTranscript>(timeProvider)
{
    protected override ChannelReader<QueuedTranscript> Input => queue.Reader;

    protected override int BatchSize => options.Value.BatchSize;

    protected override TimeSpan MaxRetryDelay => options.Value.MaxRetryDelay;

    protected override void CompleteInput()
    {
        queue.Complete();
        if (queue.Bytes > 0)
        {
            TranscriptLog.DrainingAtShutdown(logger, queue.Count, queue.Bytes);
        }
    }

    protected override void OnAbandoned() => TranscriptLog.LostAtShutdown(logger, queue.Count, queue.Bytes);

    protected override async Task StoreAsync(List<QueuedTranscript> batch)
    {
        var started = TimeProvider.GetTimestamp();
        using var activities = StartWriteActivities(batch);
        try
        {
            await store.WriteAsync(batch);
        }
        catch (Exception exception)
        {
            activities.Fail(exception);
            throw;
        }

        metrics.WriteDuration.Record(TimeProvider.GetElapsedTime(started).TotalSeconds);
    }

    protected override void OnStored(List<QueuedTranscript> batch, int attempt)
    {
        metrics.Written.Add(batch.Count);
        if (attempt > 1)
        {
            TranscriptLog.WriteRecovered(logger, batch.Count, attempt);
        }
    }

    protected override void OnFailed(List<QueuedTranscript> batch, int attempt, TimeSpan? retryIn, Exception exception)
    {
        metrics.WriteFailures.Add(1);
        if (retryIn is { } wait)
        {
            TranscriptLog.WriteFailed(logger, batch.Count, attempt, wait.TotalMilliseconds, exception);
        }
    }

    protected override void OnRejected(QueuedTranscript transcript, Exception exception)
    {
        TranscriptLog.TranscriptRejected(logger, transcript.Id, exception);
        queue.GiveUp(transcript, TranscriptDropReasons.Rejected);
    }

    protected override void OnDone(List<QueuedTranscript> batch) => batch.ForEach(queue.Release);

    /// <summary>One span per transcript in its request's trace, so each trace ends with its transcript write.</summary>
    private static WriteActivities StartWriteActivities(List<QueuedTranscript> batch)
    {
        var activities = new List<Activity>();
        var current = Activity.Current;
        foreach (var transcript in batch)
        {
            if (transcript.TraceContext != default
                && OpenChatTelemetry.ActivitySource.StartActivity("write transcript", ActivityKind.Internal, transcript.TraceContext) is { } activity)
            {
                activity.SetTag("openchat.transcript.id", transcript.Id);
                activities.Add(activity);
            }
        }

        // The spans are siblings in their own traces, not parents of whatever the writer does next.
        Activity.Current = current;
        return new WriteActivities(activities);
    }

    private readonly struct WriteActivities(List<Activity> activities) : IDisposable
    {
        public void Fail(Exception exception)
        {
            foreach (var activity in activities)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            }
        }

        public void Dispose()
        {
            foreach (var activity in activities)
            {
                activity.Dispose();
            }
        }
    }
}
