using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Degraded while any upstream is out of service (its data names each upstream's state), never unhealthy: with
/// every upstream out the gateway still answers, trying them as a last resort, and readiness probes that took every
/// replica out would turn clear upstream errors into refused connections.
/// </summary>
internal sealed class UpstreamHealthCheck(UpstreamPool pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var resting = new List<string>();
        foreach (var upstream in pool.All)
        {
            var health = upstream.Health.Snapshot();
            data[upstream.Name] = health.State.ToWireName();
            if (health.State != UpstreamState.Healthy)
            {
                resting.Add(health.OutUntil is { } until ? $"{upstream.Name} {health.State.ToWireName()} until {until:O}" : upstream.Name);
            }
        }

        return Task.FromResult(resting.Count == 0
            ? HealthCheckResult.Healthy($"{pool.All.Count} upstream(s) in service.", data)
            : HealthCheckResult.Degraded($"Out of service: {string.Join("; ", resting)}.", data: data));
    }
}
