using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// Each external server's state. A server that is away makes the service Degraded, never Unhealthy: the built-in
/// tools and the other servers' tools still work, so the service must stay in rotation.
/// </summary>
internal sealed class ExternalMcpServersHealthCheck(McpFederation federation) : IHealthCheck
{
    public const string Name = "mcp_servers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = federation.Servers;
        var data = servers.ToDictionary(
            server => server.Name,
            server => (object)new ExternalServerHealth(server.State.ToString().ToLowerInvariant(), server.ToolCount));
        var away = servers.Where(server => server.State != ExternalServerState.Connected).Select(server => server.Name).ToList();
        return Task.FromResult(away.Count == 0
            ? HealthCheckResult.Healthy($"{servers.Count} external MCP servers connected.", data)
            : HealthCheckResult.Degraded($"Not connected: {string.Join(", ", away)}. Their tools are withdrawn; the others work.", data: data));
    }
}

public sealed record ExternalServerHealth(string State, int Tools);
