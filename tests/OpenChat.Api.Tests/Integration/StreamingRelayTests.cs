using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.ModelSimulator.Journal;

namespace OpenChat.Api.Tests.Integration;

public sealed class StreamingRelayTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Streams_every_event_with_sse_headers_and_exactly_one_done()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hello gateway"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        Assert.Matches("^tr_[0-9a-f]{28}$", Assert.Single(response.Headers.GetValues("X-Transcript-Id")));
        Assert.Equal("[DONE]", events[^1]);
        Assert.Single(events, data => data == "[DONE]");
        Assert.Equal("assistant", JsonDocument.Parse(events[0]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("You said: hello gateway", SseClient.Content(events));
        Assert.Equal("stop", JsonDocument.Parse(events[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Forwards_chunks_byte_for_byte()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var scriptId = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{\"id\":\"{scriptId}\",\"reply\":\"caf\u00e9 \\\"quoted\\\" \\u2603\"}}"), cancellationToken);
        var relayed = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));
        var direct = await DirectEventsAsync(scriptId, cancellationToken);

        // Same chunks as the simulator sends for the same script, but for per-response ids and times.
        Assert.Equal(Normalize(direct.Where(d => !d.Contains("\"usage\":{", StringComparison.Ordinal))), Normalize(relayed));
    }

    [Fact]
    public async Task Sends_the_usage_chunk_only_to_clients_that_ask_for_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var withUsage = await SseClient.PostAsync(client, SseClient.ChatJson("count me", extra: "\"stream_options\":{\"include_usage\":true}"), cancellationToken);
        var asked = SseClient.Events(await withUsage.Content.ReadAsStringAsync(cancellationToken));
        using var withoutUsage = await SseClient.PostAsync(client, SseClient.ChatJson("count me"), cancellationToken);
        var notAsked = SseClient.Events(await withoutUsage.Content.ReadAsStringAsync(cancellationToken));

        var usage = JsonDocument.Parse(asked[^2]).RootElement;
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(4, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.DoesNotContain(notAsked, data => data.Contains("\"usage\":{", StringComparison.Ordinal));
        Assert.Equal("[DONE]", notAsked[^1]);
    }

    [Theory]
    [InlineData("\"line_ending\":\"crlf\"")]
    [InlineData("\"line_ending\":\"cr\"")]
    [InlineData("\"comments\":true")]
    [InlineData("\"split_writes\":true")]
    [InlineData("\"line_ending\":\"cr\",\"comments\":true,\"split_writes\":true")]
    public async Task Accepts_every_legal_form_of_upstream_sse(string framing)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{{framing},\"reply\":\"framed just right\"}}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("framed just right", SseClient.Content(events));
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Relays_a_one_mebibyte_event_intact()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"content_bytes\":1048576}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(new string('x', 1024 * 1024), SseClient.Content(events));
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Ends_with_an_error_event_and_no_done_when_the_upstream_connection_breaks()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var upstream = new TruncatingUpstream(
            """{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            """{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"one"},"finish_reason":null}]}""",
            """{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" two"},"finish_reason":null}]}""");
        await using var host = ApiTestHost.Start(upstream: upstream.BaseUrl);
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("one two", SseClient.Content(events[..^1]));
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("upstream_stream_broken", error.GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task Passes_on_an_upstream_error_event_and_no_done()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"reply\":\"one two three\",\"fail_after\":1,\"fail_mode\":\"error_event\"}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("simulated_failure", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task Cancels_the_upstream_request_as_soon_as_the_client_disconnects()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var scriptId = Guid.NewGuid().ToString("N");

        var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{\"id\":\"{scriptId}\",\"tokens\":10000,\"delay_ms\":20}}"), cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var first = new byte[1];
        await stream.ReadExactlyAsync(first, cancellationToken).AsTask().WaitAsync(s_timeout, cancellationToken);
        response.Dispose();

        var entry = await fixture.Host.Journal.WaitForAsync(
            e => e.ScriptId == scriptId && e.Outcome == JournalOutcomes.Cancelled, cancellationToken).WaitAsync(s_timeout, cancellationToken);
        Assert.True(entry.Chunks < 10000);
    }

    private async Task<List<string>> DirectEventsAsync(string scriptId, CancellationToken cancellationToken)
    {
        // The body the Api sent upstream, sent straight to the simulator again.
        var sent = fixture.Host.Journal.Entries.Last(entry => entry.ScriptId == scriptId);
        using var direct = new HttpClient { BaseAddress = fixture.Host.Simulator.Address };
        direct.DefaultRequestHeaders.Authorization = new("Bearer", ApiTestHost.ProviderKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(sent.Body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await direct.SendAsync(request, cancellationToken);
        return SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static List<string> Normalize(IEnumerable<string> events) => events
        .Select(data => System.Text.RegularExpressions.Regex.Replace(data, "\"(id|created)\":(\"[^\"]*\"|\\d+)", "\"$1\":_"))
        .ToList();
}
