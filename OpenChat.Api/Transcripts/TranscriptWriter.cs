using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;
using OpenChat.Api.Resilience;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Redis;

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

    protected override void CompleteInput()
    {
        queue.Complete();
        if (queue.Bytes > 0)
        {
            TranscriptLog.DrainingAtShutdown(logger, queue.Count, queue.Bytes);
        }
    }

    protected override void OnAbandoned() => TranscriptLog.LostAtShutdown(logger, queue.Count, queue.Bytes);

    protected override async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<QueuedTranscript>(options.Value.BatchSize);
        try
        {
            while (await BatchReader.ReadAsync(queue.Reader, batch, options.Value.BatchSize, options.Value.BatchLinger, abort))
            {
                var storedAtOnce = false;
                try
                {
                    storedAtOnce = await WriteWithRetriesAsync(batch, abort);
                }
                finally
                {
                    batch.ForEach(queue.Release);
                }

                // After a failed attempt the client may still hold a command that reads a transcript's array; those
                // arrays are left to the collector rather than handed to the pool while something could read them.
                if (storedAtOnce)
                {
                    batch.ForEach(transcript => transcript.Json.Dispose());
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time; StoppedAsync reports what was left.
        }
    }

    /// <summary>
    /// Writes a batch, waiting for Redis as long as it is away. When Redis answers and refuses, the halves are
    /// written on their own, so a transcript Redis will never take costs only itself: it is given up, and the
    /// writer goes on.
    /// </summary>
    /// <returns>Whether the batch was stored by its first attempt.</returns>
    private async Task<bool> WriteWithRetriesAsync(List<QueuedTranscript> batch, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = timeProvider.GetTimestamp();
            using var activities = StartWriteActivities(batch);
            try
            {
                await store.WriteAsync(batch);
                metrics.WriteDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
                metrics.Written.Add(batch.Count);
                if (attempt > 1)
                {
                    TranscriptLog.WriteRecovered(logger, batch.Count, attempt);
                }

                return attempt == 1;
            }
            catch (Exception exception) when (RedisFailures.IsAway(exception, abort))
            {
                activities.Fail(exception);
                metrics.WriteFailures.Add(1);
                var wait = JitteredBackoff.Delay(attempt - 1, s_firstRetryDelay, options.Value.MaxRetryDelay);
                TranscriptLog.WriteFailed(logger, batch.Count, attempt, wait.TotalMilliseconds, exception);
                await Task.Delay(wait, timeProvider, abort);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                activities.Fail(exception);
                metrics.WriteFailures.Add(1);
                if (batch.Count == 1)
                {
                    TranscriptLog.TranscriptRejected(logger, batch[0].Id, exception);
                    queue.GiveUp(batch[0].Id, TranscriptDropReasons.Rejected);
                    return false;
                }

                var half = batch.Count / 2;
                await WriteWithRetriesAsync(batch[..half], abort);
                await WriteWithRetriesAsync(batch[half..], abort);
                return false;
            }
        }
    }

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
