using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// Answers no model server should send, found by the chunk inspector's property tests: each is the upstream's
/// fault, so the client gets a 502 (or an error event once the stream has started), never a 500 or the answer as it came.
/// </summary>
public sealed class OddUpstreamAnswerTests : IAsyncLifetime
{
    private readonly ScriptedUpstream _upstream = new();
    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(
            api: new Dictionary<string, string?> { ["OpenChat:Upstream:AlwaysRequestUsage"] = "false" },
            configureApi: services => _upstream.Install(services));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _upstream.Dispose();
    }

    [Fact]
    public async Task A_whole_answer_with_more_tool_calls_than_any_turn_makes_is_a_502()
    {
        var calls = string.Join(",", Enumerable.Range(0, 257).Select(i =>
            $$$"""{"id":"call_{{{i}}}","type":"function","function":{"name":"get_weather","arguments":"{}"}}"""));

        using var response = await AnswerWholeAsync(
            $$$"""{"id":"chatcmpl-1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[{{{calls}}}]},"finish_reason":"tool_calls"}]}""");

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_too_many_tool_calls", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_whole_answer_with_bytes_after_its_json_is_a_502()
    {
        using var response = await AnswerWholeAsync(
            """{"id":"chatcmpl-1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]} x""");

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_invalid_response", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_chunk_the_gateway_must_rewrite_but_cannot_ends_the_stream_with_an_upstream_error_event()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var body = (await _upstream.NextAsync(cancellationToken)).RespondWithStream();
        // No role, so the gateway must add one; a name repeated, so no JSON document holds the chunk.
        body.WriteEvent("""{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"m","model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}""");
        body.End();
        using var response = await responding;
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upstream_invalid_response", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    private async Task<HttpResponseMessage> AnswerWholeAsync(string json)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi", stream: false), cancellationToken);
        (await _upstream.NextAsync(cancellationToken)).Respond(HttpStatusCode.OK, json);
        return await responding;
    }
}
