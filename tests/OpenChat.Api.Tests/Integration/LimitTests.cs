using System.Net;
using System.Text;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// Every limit of a completion through the Api, with the Tools service and transcripts in a real Garnet: what the
/// client sees at the limit, and what the transcript keeps.
/// </summary>
public sealed class LimitTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly GarnetTestServer _garnet = new();
    private ApiTestHost _host = null!;
    private CounterSignal _written = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.StartWithTools(redis: _garnet.ConnectionString, api: new Dictionary<string, string?>
        {
            ["OpenChat:Relay:MaxUpstreamEventBytes"] = "65536",
            ["OpenChat:Relay:MaxStreamBytes"] = "131072",
            ["OpenChat:Relay:MaxContentBytes"] = "2048",
            ["OpenChat:Tools:MaxCallsPerTurn"] = "2",
            ["OpenChat:Tools:MaxParallelCalls"] = "1",
            ["OpenChat:Tools:MaxArgumentBytes"] = "1024",
            ["OpenChat:Transcripts:MaxTranscriptBytes"] = "16384",
        });
        _written = _host.TranscriptsWritten();
    }

    public async ValueTask DisposeAsync()
    {
        _written.Dispose();
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_ends_with_an_error_event_and_no_done()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"tokens\":4000}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("upstream_stream_too_large", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task Calls_past_the_per_turn_limit_and_calls_with_arguments_over_the_limit_are_answered_not_run()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var longExpression = string.Join("+", Enumerable.Repeat("1", 700));
        var script = "#sim {\"tool_calls\":[" +
            "{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}}," +
            $"{{\"name\":\"calculate\",\"arguments\":{{\"expression\":\"{longExpression}\"}}}}," +
            "{\"name\":\"calculate\",\"arguments\":{\"expression\":\"2+2\"}}]}";

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(script), cancellationToken);
        var content = SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken)));
        var transcript = await TranscriptAsync(client, response);

        Assert.Contains("\"result\":\"42\"", content, StringComparison.Ordinal);
        Assert.Contains("longer than the gateway accepts (1024 bytes)", content, StringComparison.Ordinal);
        Assert.Contains("at most 2 tool calls in one turn", content, StringComparison.Ordinal);
        var calls = transcript.GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["ok", "limit_exceeded", "limit_exceeded"], calls.Select(call => call.GetProperty("outcome").GetString()));
        Assert.True(calls[1].GetProperty("arguments_truncated").GetBoolean());
        Assert.InRange(Encoding.UTF8.GetByteCount(calls[1].GetProperty("arguments").GetString()!), 1, 1024);
    }

    [Fact]
    public async Task A_transcript_over_its_size_keeps_the_newest_messages_and_the_start_of_the_answer_and_says_what_it_left_out()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var filler = new string('x', 6000);
        var body = $$"""
            {"model":"gpt-4o-mini","stream":true,"messages":[
              {"role":"user","content":"first {{filler}}"},{"role":"assistant","content":"second {{filler}}"},
              {"role":"user","content":"third {{filler}}"},{"role":"user","content":"last\n#sim {\"tokens\":1000}"}]}
            """;

        using var response = await SseClient.PostAsync(client, body, cancellationToken);
        var content = SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken)));
        var transcript = await TranscriptAsync(client, response);

        var messages = transcript.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("content").GetString()!).ToList();
        Assert.StartsWith("last", messages[^1], StringComparison.Ordinal);
        Assert.Equal(4 - messages.Count, transcript.GetProperty("messages_omitted").GetInt32());
        Assert.True(transcript.GetProperty("content_truncated").GetBoolean());
        Assert.StartsWith(transcript.GetProperty("content").GetString()!, content, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(transcript.GetRawText()) <= 16384);
    }

    [Fact]
    public async Task A_request_as_deep_as_the_gateway_accepts_is_stored_read_listed_and_deleted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        // 100 levels inside a message: more than a JSON reader's default depth of 64, within the gateway's 128.
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var body = $$"""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"deep","metadata":{{deep}}}]}""";

        using var response = await SseClient.PostAsync(client, body, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await TranscriptAsync(client, response)).GetProperty("id").GetString();

        using var list = await client.GetAsync("/v1/transcripts", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(id!, await list.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        using var deleted = await client.DeleteAsync($"/v1/transcripts/{id}", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    private async Task<JsonElement> TranscriptAsync(HttpClient client, HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("X-Transcript-Id").Single();
        var cancellationToken = TestContext.Current.CancellationToken;
        // Each test has its own host: its one completion is its one transcript.
        await _written.WaitForTotalAsync(1, s_timeout, cancellationToken);
        using var stored = await client.GetAsync($"/v1/transcripts/{id}", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var deepEnough = new JsonDocumentOptions { MaxDepth = 256 };
        return JsonDocument.Parse(await stored.Content.ReadAsStringAsync(cancellationToken), deepEnough).RootElement.Clone();
    }
}
