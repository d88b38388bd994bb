using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Mcp;

/// <summary>
/// The service on real Kestrel and the official MCP client connected to <c>/mcp</c> over Streamable HTTP, shared
/// by a test class: the server is stateless, so the tests cannot disturb one another.
/// </summary>
public sealed class McpServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(30);

    private readonly KestrelAppFactory<ToolCatalog> _factory = new(ToolsServiceKey.Settings());

    public McpClient Client { get; private set; } = null!;

    public ToolCatalog Catalog => _factory.Services.GetRequiredService<ToolCatalog>();

    public async ValueTask InitializeAsync()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_factory.Start(), "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {ToolsServiceKey.Value}" },
        });
        using var timeout = new CancellationTokenSource(s_connectTimeout);
        Client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }
}
