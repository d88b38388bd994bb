using System.Text.RegularExpressions;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

public sealed class ServerToolLoopTests : IAsyncLifetime
{
    private const int MaxRounds = 3;

    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.StartWithTools(api: new Dictionary<string, string?>
        {
            ["OpenChat:Tools:MaxRounds"] = MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_streamed_answer_is_built_on_a_server_tool_result_the_client_never_sees_called()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Script("""{"tool_calls":[{"name":"calculate","arguments":{"expression":"6*7"}}]}""")), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""The result of calculate is {"expression":"6*7","result":"42","exact":true}.""", SseClient.Content(events));
        Assert.DoesNotContain(events, data => data.Contains("tool_calls", StringComparison.Ordinal));
        Assert.Single(events, data => data == "[DONE]");
        Assert.Single(events, data => data.Contains("\"role\":\"assistant\"", StringComparison.Ordinal));
        Assert.Equal("stop", FinishReasons(events).Single());
    }

    [Fact]
    public async Task A_non_streamed_completion_runs_the_same_loop_and_sums_usage()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", Json(SseClient.ChatJson(
            Script("""{"tool_calls":[{"name":"calculate","arguments":{"expression":"2+2"}}]}"""), stream: false)), cancellationToken);
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        var message = completion.GetProperty("choices")[0].GetProperty("message");
        Assert.Contains("\"result\":\"4\"", message.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(message.TryGetProperty("tool_calls", out _));
        // Round one: three argument fragments; round two: the six words of the answer.
        Assert.Equal(3 + 6, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Usage_asked_for_in_a_stream_is_summed_over_the_rounds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            Script("""{"tool_calls":[{"name":"calculate","arguments":{"expression":"2+2"}}]}"""), extra: "\"stream_options\":{\"include_usage\":true}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        var usageChunks = events.Where(data => data.Contains("\"usage\":{", StringComparison.Ordinal)).ToList();
        Assert.Equal(3 + 6, JsonDocument.Parse(Assert.Single(usageChunks)).RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Parallel_server_calls_in_one_turn_all_run()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Script("""
            {"tool_calls":[{"name":"calculate","arguments":{"expression":"1+1"}},{"name":"convert_units","arguments":{"value":1,"from":"km","to":"m"}}]}
            """)), cancellationToken);
        var content = SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken)));

        Assert.Contains("The result of calculate is {\"expression\":\"1+1\",\"result\":\"2\"", content, StringComparison.Ordinal);
        Assert.Contains("The result of convert_units is {\"value\":1,\"from\":\"km\",\"to\":\"m\",\"result\":\"1000\"}", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_tool_becomes_a_result_the_model_can_read()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Script("""
            {"tool_calls":[{"name":"calculate","arguments":{"expression":"1/0"}},{"name":"calculate","arguments":"{not json"}]}
            """)), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        var content = SseClient.Content(events);
        Assert.Contains("""The result of calculate is {"error":"Division by zero."}.""", content, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", content, StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task A_model_that_never_stops_calling_tools_is_stopped_by_the_round_limit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Script($$$"""
            {"id":"{{{id}}}","tool_rounds":-1,"tool_calls":[{"name":"calculate","arguments":{"expression":"1+1"}}]}
            """)), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        var upstreamRequests = _host.Journal.Entries.Where(entry => entry.ScriptId == id).ToList();
        Assert.Equal(MaxRounds + 1, upstreamRequests.Count);
        Assert.Contains("\"tool_choice\":\"none\"", upstreamRequests[^1].Body, StringComparison.Ordinal);
        Assert.Equal(MaxRounds, Regex.Count(upstreamRequests[^1].Body, "\"role\":\"tool\""));
        Assert.StartsWith("The result of calculate is", SseClient.Content(events), StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Client_tools_pass_through_untouched()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            Script("""{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}"""), extra: WeatherTool), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        var call = ToolCalls(events).Single();
        Assert.Equal((0, "get_weather", """{"city":"Paris"}"""), call);
        Assert.Equal("tool_calls", FinishReasons(events).Single());
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task A_turn_mixing_server_and_client_calls_gives_the_client_its_own_calls_only()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Script($$$"""
            {"id":"{{{id}}}","tool_calls":[{"name":"calculate","arguments":{"expression":"1+1"}},{"name":"get_weather","arguments":{"city":"Oslo"}}]}
            """), extra: WeatherTool), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal((0, "get_weather", """{"city":"Oslo"}"""), ToolCalls(events).Single());
        Assert.Equal("tool_calls", FinishReasons(events).Single());
        Assert.Single(_host.Journal.Entries, entry => entry.ScriptId == id);
    }

    [Fact]
    public async Task A_client_tool_with_a_server_tools_name_wins()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Guid.NewGuid().ToString("N");
        const string OwnCalculate = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"calculate\",\"parameters\":{\"type\":\"object\"}}}]";

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            Script($$$"""{"id":"{{{id}}}","tool_calls":[{"name":"calculate","arguments":{"expression":"1+1"}}]}"""), extra: OwnCalculate), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal((0, "calculate", """{"expression":"1+1"}"""), ToolCalls(events).Single());
        var sentTools = JsonDocument.Parse(_host.Journal.Entries.Single(entry => entry.ScriptId == id).Body).RootElement.GetProperty("tools");
        Assert.Single(sentTools.EnumerateArray(), tool => tool.GetProperty("function").GetProperty("name").GetString() == "calculate");
    }

    [Fact]
    public async Task Legacy_function_calls_run_on_the_server_too()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        const string LegacyFunctions = "\"functions\":[{\"name\":\"noop\",\"parameters\":{\"type\":\"object\"}}]";

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            Script("""{"tool_calls":[{"name":"calculate","arguments":{"expression":"3*3"}}]}"""), extra: LegacyFunctions), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Contains("\"result\":\"9\"", SseClient.Content(events), StringComparison.Ordinal);
        Assert.DoesNotContain(events, data => data.Contains("function_call", StringComparison.Ordinal));
    }

    private const string WeatherTool =
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

    private static string Script(string json) => "What now?\n#sim " + json.Trim();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static List<string?> FinishReasons(IEnumerable<string> events) => events
        .Where(data => data != "[DONE]")
        .Select(data => JsonDocument.Parse(data).RootElement.GetProperty("choices"))
        .Where(choices => choices.GetArrayLength() > 0 && choices[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String)
        .Select(choices => choices[0].GetProperty("finish_reason").GetString())
        .ToList();

    /// <summary>The client's view of the tool calls: deltas put together by index, as OpenAI SDKs do.</summary>
    private static List<(int Index, string Name, string Arguments)> ToolCalls(IEnumerable<string> events)
    {
        var calls = new SortedDictionary<int, (string Name, StringBuilder Arguments)>();
        foreach (var data in events.Where(data => data.Contains("\"tool_calls\":[", StringComparison.Ordinal)))
        {
            foreach (var delta in JsonDocument.Parse(data).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls").EnumerateArray())
            {
                var index = delta.GetProperty("index").GetInt32();
                var function = delta.GetProperty("function");
                if (!calls.TryGetValue(index, out var call))
                {
                    call = (function.GetProperty("name").GetString()!, new StringBuilder());
                    calls[index] = call;
                }

                call.Arguments.Append(function.GetProperty("arguments").GetString());
            }
        }

        return [.. calls.Select(pair => (pair.Key, pair.Value.Name, pair.Value.Arguments.ToString()))];
    }
}
