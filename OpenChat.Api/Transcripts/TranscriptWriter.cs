using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Hosting;
using OpenChat.Api.Resilience;
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
    ILogger<TranscriptWriter> logger) : DrainingService
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(100);

    protected override void CompleteInput() => queue.Complete();

    protected override void OnAbandoned() => TranscriptLog.LostAtShutdown(logger, queue.Count);

    protected override async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<CompletionRecord>(options.Value.BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(abort))
            {
                batch.Clear();
                while (batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                await WriteWithRetriesAsync(batch, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time; StoppedAsync reports what was left.
        }
    }

    private async Task WriteWithRetriesAsync(List<CompletionRecord> batch, CancellationToken abort)
    {
        using var serialized = new PooledByteBuffer(batch.Count * 2048);
        var offsets = new List<(string Id, string KeyId, int Start, int Length)>(batch.Count);
        foreach (var record in batch)
        {
            var start = serialized.Length;
            TranscriptJson.Write(serialized, record);
            offsets.Add((record.Id, record.Caller.KeyId, start, serialized.Length - start));
        }

        var transcripts = offsets.Select(o => (o.Id, o.KeyId, serialized.WrittenMemory.Slice(o.Start, o.Length))).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var started = timeProvider.GetTimestamp();
            using var activities = StartWriteActivities(batch);
            try
            {
                await store.WriteAsync(transcripts);
                metrics.WriteDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
                metrics.Written.Add(batch.Count);
                if (attempt > 1)
                {
                    TranscriptLog.WriteRecovered(logger, batch.Count, attempt);
                }

                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                activities.Fail(exception);
                metrics.WriteFailures.Add(1);
                var wait = JitteredBackoff.Delay(attempt - 1, s_firstRetryDelay, options.Value.MaxRetryDelay);
                TranscriptLog.WriteFailed(logger, batch.Count, attempt, wait.TotalMilliseconds, exception);
                await Task.Delay(wait, timeProvider, abort);
            }
        }
    }

    /// <summary>One span per transcript in its request's trace, so each trace ends with its transcript write.</summary>
    private static WriteActivities StartWriteActivities(List<CompletionRecord> batch)
    {
        var activities = new List<Activity>();
        var current = Activity.Current;
        foreach (var record in batch)
        {
            if (record.TraceContext != default
                && OpenChatTelemetry.ActivitySource.StartActivity("write transcript", ActivityKind.Internal, record.TraceContext) is { } activity)
            {
                activity.SetTag("openchat.transcript.id", record.Id);
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
