using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Degraded while the writer cannot keep up (Redis slow or away: more than half the queue's bytes waiting), never
/// unhealthy: the gateway keeps serving, and the queue keeps what it holds until Redis is back.
/// </summary>
internal sealed class TranscriptQueueHealthCheck(TranscriptQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = queue.Bytes;
        var data = new Dictionary<string, object>
        {
            ["queued_transcripts"] = queue.Count,
            ["queued_bytes"] = waiting,
            ["max_queue_bytes"] = queue.MaxBytes,
            ["dropped_transcripts"] = queue.DroppedCount,
        };
        return Task.FromResult(waiting * 2 > queue.MaxBytes
            ? HealthCheckResult.Degraded($"{waiting} of {queue.MaxBytes} bytes of transcripts are waiting for Redis.", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
