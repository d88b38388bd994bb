using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Mcp;

/// <summary>The official MCP client, over Streamable HTTP, against the service on real Kestrel.</summary>
public sealed class McpServerTests : IAsyncLifetime
{
    private readonly KestrelAppFactory<ToolCatalog> _factory = new(new Dictionary<string, string?>());
    private McpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_factory.Start(), "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        _client = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Lists_the_catalog_with_its_schemas()
    {
        var tools = await _client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["calculate", "convert_units", "get_current_time"], tools.Select(tool => tool.Name).Order());
        var calculate = tools.Single(tool => tool.Name == "calculate");
        Assert.Equal("expression", calculate.JsonSchema.GetProperty("required")[0].GetString());
    }

    [Fact]
    public async Task Calls_a_tool()
    {
        var result = await _client.CallToolAsync("calculate", new Dictionary<string, object?> { ["expression"] = "6*7" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("42", JsonDocument.Parse(text).RootElement.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Reports_bad_arguments_as_an_error_result()
    {
        var result = await _client.CallToolAsync("calculate", new Dictionary<string, object?> { ["expression"] = 42 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Contains("/expression", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }
}
