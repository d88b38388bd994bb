using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Degraded while transcripts pile up (Redis slow or away), never unhealthy: the gateway keeps serving, and
/// the queue keeps what it holds until Redis is back.
/// </summary>
internal sealed class TranscriptQueueHealthCheck(TranscriptQueue queue, IOptions<TranscriptOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var capacity = options.Value.QueueCapacity;
        var waiting = queue.Count;
        return Task.FromResult(waiting * 2 > capacity
            ? HealthCheckResult.Degraded($"{waiting} of {capacity} transcripts are waiting for Redis.")
            : HealthCheckResult.Healthy());
    }
}
