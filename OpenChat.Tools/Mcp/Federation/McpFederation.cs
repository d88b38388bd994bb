using Microsoft.Extensions.Options;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// Owns the connections to the configured external MCP servers for the life of the service. Start-up does not wait
/// for any of them: each connects in the background, and its tools join the catalog when it does.
/// </summary>
internal sealed class McpFederation : BackgroundService
{
    public McpFederation(IOptions<McpFederationOptions> options, ToolCatalog catalog, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Servers = [.. options.Value.McpServers
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => new ExternalMcpServer(entry.Key, entry.Value, catalog, timeProvider, loggerFactory))];
    }

    public IReadOnlyList<ExternalMcpServer> Servers { get; }

    public override void Dispose()
    {
        foreach (var server in Servers)
        {
            server.Dispose();
        }

        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Servers.Select(server => Task.Run(() => server.RunAsync(stoppingToken), CancellationToken.None)));
}
