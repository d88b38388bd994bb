using System.ComponentModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// A tool of a team's own MCP server, federated by OpenChat.Tools, called by the model through the Api as any
/// server tool is: the Api's loop is unchanged, it reads the tool from <c>GET /tools</c> and runs it on Tools.
/// </summary>
public sealed class ExternalMcpToolTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly GarnetTestServer _garnet = new();
    private readonly TestMcpServer _weather = new([McpServerTool.Create(
        ([Description("The city.")] string city, [Description("Days ahead.")] int days) => new { city, days, sky = "sunny" },
        new McpServerToolCreateOptions { Name = "forecast", Description = "The weather forecast for a city.", UseStructuredContent = true })]);

    private KestrelAppFactory<ToolCatalog>? _tools;
    private ApiTestHost? _host;
    private CounterSignal _written = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        await _weather.StartAsync();
        _tools = new KestrelAppFactory<ToolCatalog>(new Dictionary<string, string?>(ToolsServiceKey.Settings())
        {
            ["OpenChat:Tools:McpServers:weather:Url"] = _weather.Endpoint.ToString(),
        });
        var toolsAddress = _tools.Start();

        // The Api reads the catalog once at start-up here: the server's tool must be in it by then.
        await WhenCatalogHoldsAsync(_tools.Services.GetRequiredService<ToolCatalog>(), "weather__forecast");
        _host = ApiTestHost.Start(toolsAddress: toolsAddress, tools: _tools, redis: _garnet.ConnectionString);
        _written = _host.TranscriptsWritten();
    }

    public async ValueTask DisposeAsync()
    {
        _written?.Dispose();
        if (_host is not null)
        {
            // It disposes the Tools service it was given.
            await _host.DisposeAsync();
        }
        else if (_tools is not null)
        {
            await _tools.DisposeAsync();
        }

        await _weather.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task A_streamed_answer_is_built_on_an_external_mcp_tool_s_result_and_the_transcript_records_the_call()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host!.CreateClient();
        const string Script = """#sim {"tool_calls":[{"name":"weather__forecast","arguments":{"city":"Lyon","days":2}}]}""";

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("Weather in Lyon?\n" + Script), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));
        var id = response.Headers.GetValues("X-Transcript-Id").Single();
        await _written.WaitForTotalAsync(1, s_timeout, cancellationToken);
        using var stored = await client.GetAsync($"/v1/transcripts/{id}", cancellationToken);
        var transcript = JsonDocument.Parse(await stored.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = SseClient.Content(events);
        Assert.StartsWith("The result of weather__forecast is {", content, StringComparison.Ordinal);
        Assert.Contains("\"structured_content\":{\"city\":\"Lyon\",\"days\":2,\"sky\":\"sunny\"}", content, StringComparison.Ordinal);
        Assert.DoesNotContain(events, data => data.Contains("tool_calls", StringComparison.Ordinal));
        Assert.Equal("[DONE]", events[^1]);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("completed", transcript.GetProperty("status").GetString());
        var call = Assert.Single(transcript.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("weather__forecast", call.GetProperty("name").GetString());
        Assert.True(call.GetProperty("server").GetBoolean());
        Assert.Equal("ok", call.GetProperty("outcome").GetString());
        Assert.True(JsonElement.DeepEquals(JsonElement.Parse("""{"city":"Lyon","days":2}"""), JsonElement.Parse(call.GetProperty("arguments").GetString()!)));
        Assert.Contains("\"sky\":\"sunny\"", call.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(content, transcript.GetProperty("content").GetString());
    }

    private static async Task WhenCatalogHoldsAsync(ToolCatalog catalog, string name)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged()
        {
            if (catalog.Contains(name))
            {
                changed.TrySetResult();
            }
        }

        catalog.Changed += OnChanged;
        try
        {
            OnChanged();
            await changed.Task.WaitAsync(s_timeout);
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }
}
