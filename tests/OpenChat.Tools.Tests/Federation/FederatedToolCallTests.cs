using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Mcp.Federation;
using OpenChat.Tools.Tests.Http;

using OpenChat.Testing;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>An external server's tools through the Tools service: listed, validated, called, capped, traced, re-exported.</summary>
public sealed class FederatedToolCallTests(WeatherServerFixture weather) : IClassFixture<WeatherServerFixture>
{
    private const int Timeout = 30_000;

    [Fact(Timeout = Timeout)]
    public async Task Lists_each_server_tool_under_its_prefix_beside_the_built_ins()
    {
        var names = await weather.Tools.ListedNamesAsync();

        Assert.Equal(
            ["calculate", "convert_units", "date_difference", "get_current_time", "weather__flood", "weather__forecast", "weather__text"],
            names);
    }

    [Fact(Timeout = Timeout)]
    public async Task Keeps_the_server_s_description_and_input_schema()
    {
        var list = await weather.Tools.Client.GetFromJsonAsync<JsonElement>("/tools", TestContext.Current.CancellationToken);

        var function = list.GetProperty("data").EnumerateArray()
            .Select(tool => tool.GetProperty("function"))
            .Single(function => function.GetProperty("name").GetString() == "weather__forecast");
        var served = weather.Server.Tools.Single(tool => tool.ProtocolTool.Name == "forecast").ProtocolTool;
        Assert.Equal(ExternalTools.ForecastDescription, function.GetProperty("description").GetString());
        Assert.True(JsonElement.DeepEquals(served.InputSchema, function.GetProperty("parameters")));
        Assert.Equal(["city", "days"], function.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(name => name.GetString()));
    }

    [Fact(Timeout = Timeout)]
    public async Task Calls_the_server_tool_and_answers_its_text_and_structured_content()
    {
        var callsBefore = ToolCalls();

        using var response = await weather.Tools.InvokeAsync("weather__forecast", """{"city":"Lyon","days":3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(callsBefore + 1, ToolCalls());
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("result");
        Assert.Equal(["text", "structured_content"], OpenAiError.PropertyNames(result));
        var expected = JsonElement.Parse("""{"city":"Lyon","days":3,"sky":"sunny"}""");
        Assert.True(JsonElement.DeepEquals(expected, JsonElement.Parse(result.GetProperty("text").GetString()!)));
        Assert.True(JsonElement.DeepEquals(expected, result.GetProperty("structured_content")));
    }

    [Fact(Timeout = Timeout)]
    public async Task Refuses_arguments_against_the_server_s_schema_without_calling_it()
    {
        // Counted by method: the client's own traffic (its session, notifications) may reach the server meanwhile.
        var callsBefore = ToolCalls();

        using var response = await weather.Tools.InvokeAsync("weather__forecast", """{"days":"three"}""");

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "invalid_arguments");
        var problems = error.GetProperty("message").GetString()!.Split("; ");
        Assert.Contains("city is required", problems);
        Assert.Contains("days must be an integer, not a string", problems);
        Assert.Equal(callsBefore, ToolCalls());
    }

    [Fact(Timeout = Timeout)]
    public async Task Answers_422_with_the_server_s_message_when_its_tool_reports_an_error()
    {
        using var response = await weather.Tools.InvokeAsync("weather__flood", """{"city":"Lyon"}""");

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
        Assert.Equal("Lyon is under water; no forecast today.", error.GetProperty("message").GetString());
    }

    [Fact(Timeout = Timeout)]
    public async Task Answers_a_result_within_the_limit()
    {
        using var response = await weather.Tools.InvokeAsync("weather__text", """{"length":1000}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("result");
        Assert.Equal(new string('x', 1000), result.GetProperty("text").GetString());
    }

    [Theory(Timeout = Timeout)]
    // Over the result limit: the answer was read, and is refused.
    [InlineData(3000, "The result of 'weather__text' is 3011 bytes, more than the 2048 allowed. Ask for less at a time.")]
    // Over four times the limit: reading the answer stops there.
    [InlineData(20_000, "The answer of the MCP server 'weather' to 'weather__text' is more than 8192 bytes. Ask for less at a time.")]
    public async Task Refuses_a_result_over_the_limit_as_a_tool_error_the_model_can_read(int length, string message)
    {
        using var response = await weather.Tools.InvokeAsync("weather__text", $$"""{"length":{{length}}}""");

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact(Timeout = Timeout)]
    public async Task Re_exports_the_server_s_tools_over_its_own_mcp_endpoint()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(weather.Tools.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {ToolsServiceKey.Value}" },
        }), cancellationToken: cancellationToken);

        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        var result = await client.CallToolAsync("weather__forecast", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 2 }, cancellationToken: cancellationToken);
        var failure = await client.CallToolAsync("weather__flood", new Dictionary<string, object?> { ["city"] = "Oslo" }, cancellationToken: cancellationToken);

        Assert.Contains("weather__forecast", tools.Select(tool => tool.Name));
        Assert.Equal(ExternalTools.ForecastDescription, tools.Single(tool => tool.Name == "weather__forecast").Description);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("Oslo", result.StructuredContent?.GetProperty("structured_content").GetProperty("city").GetString());
        Assert.True(failure.IsError);
        Assert.Equal("Oslo is under water; no forecast today.", Assert.IsType<TextContentBlock>(Assert.Single(failure.Content)).Text);
    }

    [Fact(Timeout = Timeout)]
    public async Task Traces_the_call_as_a_client_span_that_continues_the_caller_s_trace_into_the_external_server()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FederationTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // The caller's span, as the Api's execute_tool span: its context goes to Tools in the traceparent header.
        using var caller = new Activity("execute_tool weather__forecast").Start();
        using var response = await weather.Tools.InvokeAsync("weather__forecast", """{"city":"Trace","days":1}""");
        caller.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Activity span;
        lock (spans)
        {
            span = Assert.Single(spans, activity => activity.TraceId == caller.TraceId);
        }

        Assert.Equal("tools/call forecast", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("weather", span.GetTagItem(FederationTelemetry.ServerAttribute));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal("forecast", span.GetTagItem("gen_ai.tool.name"));
        Assert.Contains(weather.Server.Requests, request => request.TraceParent?.Contains(caller.TraceId.ToHexString(), StringComparison.Ordinal) == true);
    }

    private int ToolCalls() => weather.Server.Requests.Count(request => request.Method == "tools/call");
}
