using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Mcp.Federation;
using OpenChat.Tools.Tests.Http;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>Servers that come, go, change their tools, or never answer, and what the catalog and /health make of it.</summary>
public sealed class ServerLifecycleTests
{
    private const int Timeout = 30_000;
    private const int ProcessTimeout = 60_000;

    // Long enough that a call or a start-up that waited on it would outlast the test's own timeout.
    private const string NeverWorthWaitingFor = "00:10:00";

    [Fact(Timeout = Timeout)]
    public async Task A_server_that_goes_away_leaves_the_catalog_and_its_calls_fail_fast_until_it_is_back()
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast()]);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer(
            "weather", server.Endpoint, ("Timeout", NeverWorthWaitingFor), ("RefreshInterval", "00:00:00.100")));
        await tools.WaitForToolAsync("weather__forecast");

        await server.StopAsync();
        await tools.WaitForAsync(catalog => !catalog.Contains("weather__forecast"));
        using var whileAway = await tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":1}""");
        var listedWhileAway = await tools.ListedNamesAsync();

        await server.StartAsync();
        await tools.WaitForToolAsync("weather__forecast");
        using var afterReturn = await tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":1}""");

        var error = await OpenAiError.AssertAsync(whileAway, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
        Assert.Equal("The MCP server 'weather' is unavailable, so 'weather__forecast' could not run. Try again later.", error.GetProperty("message").GetString());
        Assert.DoesNotContain("weather__forecast", listedWhileAway);
        Assert.Contains("calculate", listedWhileAway);
        Assert.Equal(HttpStatusCode.OK, afterReturn.StatusCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_call_to_a_server_that_died_unnoticed_fails_at_once_and_withdraws_its_tools()
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast()]);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer(
            "weather", server.Endpoint, ("Timeout", NeverWorthWaitingFor), ("RefreshInterval", NeverWorthWaitingFor)));
        await tools.WaitForToolAsync("weather__forecast");

        await server.StopAsync();
        using var call = await tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":1}""");
        await tools.WaitForAsync(catalog => !catalog.Contains("weather__forecast"));

        var error = await OpenAiError.AssertAsync(call, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
        Assert.Equal(ToolResult.UnavailableMessage("weather", "weather__forecast"), error.GetProperty("message").GetString());
        Assert.Equal(ExternalServerState.Unavailable, tools.Server("weather").State);
    }

    // A server can tell its clients of a change only over a session: the SDK's stateless servers cannot.
    [Theory(Timeout = Timeout)]
    [InlineData(null)]
    [InlineData("2025-06-18")]
    public async Task A_list_changed_notification_brings_the_server_s_new_tool_into_the_catalog(string? protocolVersion)
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast()], stateless: false);
        await server.StartAsync();
        (string, string)[] extra = protocolVersion is null ? [] : [("ProtocolVersion", protocolVersion)];
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("weather", server.Endpoint, extra));
        await tools.WaitForToolAsync("weather__forecast");
        await server.NotificationsReady.WaitAsync(FederatedToolsHost.WaitLimit, TestContext.Current.CancellationToken);

        server.Tools.Add(ExternalTools.Named("alerts", "no alerts"));
        await tools.WaitForToolAsync("weather__alerts");
        using var response = await tools.InvokeAsync("weather__alerts", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no alerts", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("result").GetProperty("text").GetString());
        Assert.Contains("weather__forecast", await tools.ListedNamesAsync());
    }

    [Fact(Timeout = Timeout)]
    public async Task Offers_only_the_allowed_tools()
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast(), ExternalTools.Flood()]);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("weather", server.Endpoint, ("AllowedTools:0", "forecast")));
        await tools.WaitForToolAsync("weather__forecast");

        var names = await tools.ListedNamesAsync();
        using var response = await tools.InvokeAsync("weather__flood", """{"city":"Lyon"}""");

        Assert.Equal(["weather__forecast"], names.Where(name => name.StartsWith("weather__", StringComparison.Ordinal)));
        await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", "tool_not_found");
    }

    [Fact(Timeout = Timeout)]
    public async Task Offers_tools_whose_names_models_cannot_call_under_names_they_can()
    {
        var longName = "summarise_" + new string('q', 60);
        await using var server = new TestMcpServer([ExternalTools.Named("files.read", "read"), ExternalTools.Named(longName, "long")]);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("fs", server.Endpoint));
        var shortened = ExternalToolNames.NameFor("fs", longName);
        await tools.WaitForAsync(catalog => catalog.Contains("fs__files_read") && catalog.Contains(shortened));

        using var read = await tools.InvokeAsync("fs__files_read", "");
        using var summarised = await tools.InvokeAsync(shortened, "");

        Assert.Equal(64, shortened.Length);
        Assert.Equal("read", (await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("result").GetProperty("text").GetString());
        Assert.Equal("long", (await summarised.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("result").GetProperty("text").GetString());
    }

    [Fact(Timeout = Timeout)]
    public async Task A_server_unreachable_at_start_up_neither_delays_nor_fails_it()
    {
        // Takes connections and never answers them: a connection attempt would wait out its whole timeout.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/mcp");
            await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("silent", url, ("Timeout", NeverWorthWaitingFor)));

            var names = await tools.ListedNamesAsync();
            using var call = await tools.InvokeAsync("silent__anything", "{}");
            var health = await tools.Client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);

            Assert.Equal(["calculate", "convert_units", "date_difference", "get_current_time"], names);
            var error = await OpenAiError.AssertAsync(call, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
            Assert.Equal(ToolResult.UnavailableMessage("silent", "silent__anything"), error.GetProperty("message").GetString());
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
            Assert.Equal("connecting", health.GetProperty("checks").GetProperty("mcp_servers").GetProperty("data").GetProperty("silent").GetProperty("state").GetString());
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Sends_the_configured_headers_and_stays_away_from_a_server_that_refuses_them()
    {
        const string Token = "s3cret-token-for-the-weather-team";
        await using var server = new TestMcpServer([ExternalTools.Forecast()], requiredBearerToken: Token);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(
            FederatedToolsHost.McpServer("weather", server.Endpoint, ("Headers:Authorization", $"Bearer {Token}")),
            FederatedToolsHost.McpServer("stranger", server.Endpoint, ("Headers:Authorization", "Bearer wrong-token")));

        await tools.WaitForAsync(catalog => catalog.Contains("weather__forecast") && tools.Server("stranger").State == ExternalServerState.Unavailable);
        using var response = await tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(server.Requests, request => request.Authorization == $"Bearer {Token}");
        Assert.All(server.Requests, request => Assert.NotNull(request.Authorization));
        Assert.DoesNotContain(tools.Catalog.Tools, tool => tool.Name.StartsWith("stranger__", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task Health_details_each_server_and_is_degraded_not_unhealthy_while_one_is_away()
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast(), ExternalTools.Flood()]);
        await server.StartAsync();
        var nobody = new Uri("http://127.0.0.1:9/mcp");
        await using var tools = FederatedToolsHost.Start(
            FederatedToolsHost.McpServer("weather", server.Endpoint),
            FederatedToolsHost.McpServer("gone", nobody));
        await tools.WaitForAsync(catalog => catalog.Contains("weather__forecast") && tools.Server("gone").State == ExternalServerState.Unavailable);

        using var response = await tools.Client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var check = health.GetProperty("checks").GetProperty("mcp_servers");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("gone", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("connected", check.GetProperty("data").GetProperty("weather").GetProperty("state").GetString());
        Assert.Equal(2, check.GetProperty("data").GetProperty("weather").GetProperty("tools").GetInt32());
        Assert.Equal("unavailable", check.GetProperty("data").GetProperty("gone").GetProperty("state").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("self").GetProperty("status").GetString());
    }

    [Fact(Timeout = Timeout)]
    public async Task Speaks_the_older_http_and_sse_transport_when_configured()
    {
        await using var server = new TestMcpServer([ExternalTools.Forecast()], stateless: false, legacySse: true);
        await server.StartAsync();
        await using var tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("weather", server.SseEndpoint, ("Transport", "Sse")));
        await tools.WaitForToolAsync("weather__forecast");

        using var response = await tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = ProcessTimeout)]
    public async Task Refuses_two_servers_with_the_same_prefix_at_start_up()
    {
        var settings = ToolsServiceKey.Settings()
            .Concat(FederatedToolsHost.McpServer("weather", new Uri("http://127.0.0.1:9/mcp")))
            .Concat(FederatedToolsHost.McpServer("meteo", new Uri("http://127.0.0.1:9/mcp"), ("Prefix", "weather")))
            .ToDictionary();

        var outcome = await FailedStartup.RunAsync(typeof(ToolCatalog).Assembly.Location, settings, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.False(outcome.Listened);
        Assert.Contains(
            "OpenChat:Tools:McpServers:meteo:Prefix and OpenChat:Tools:McpServers:weather both give the prefix 'weather'",
            outcome.StandardError,
            StringComparison.Ordinal);
    }
}
