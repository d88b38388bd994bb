using System.Net;
using System.Text;
using System.Text.Json;
using OpenChat.Api.Auth;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>Completions through the Api, their transcripts in a real Garnet, read back through the Api.</summary>
public sealed class TranscriptsEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly GarnetTestServer _garnet = new();
    private ApiTestHost _host = null!;
    private CounterSignal _written = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.StartWithTools(redis: _garnet.ConnectionString);
        _written = _host.TranscriptsWritten();
    }

    public async ValueTask DisposeAsync()
    {
        _written.Dispose();
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task A_streamed_completion_leaves_its_transcript()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("record me"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        var transcript = await TranscriptAsync(client, response, expectedWrites: 1);

        Assert.Equal("completed", transcript.GetProperty("status").GetString());
        Assert.True(transcript.GetProperty("stream").GetBoolean());
        Assert.Equal("You said: record me", transcript.GetProperty("content").GetString());
        Assert.Equal("record me", transcript.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(GatewayKeyRing.KeyIdOf(ApiTestHost.GatewayKey), transcript.GetProperty("key_id").GetString());
        Assert.Equal("gpt-4o-mini", transcript.GetProperty("upstream_model").GetString());
        Assert.Equal("stop", transcript.GetProperty("finish_reason").GetString());
        Assert.Equal(4, transcript.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(transcript.GetProperty("time_to_first_token_ms").GetDouble() > 0);
        Assert.True(transcript.GetProperty("duration_ms").GetDouble() >= transcript.GetProperty("time_to_first_token_ms").GetDouble());
        Assert.Matches("^[0-9a-f]{32}$", transcript.GetProperty("trace_id").GetString());
        Assert.DoesNotContain(ApiTestHost.GatewayKey, transcript.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_streamed_completion_with_server_tools_records_each_call_and_result()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        const string Script = "#sim {\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}},{\"name\":\"calculate\",\"arguments\":{\"expression\":\"1/0\"}}]}";

        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SseClient.ChatJson(Script, stream: false), Encoding.UTF8, "application/json"), cancellationToken);
        var transcript = await TranscriptAsync(client, response, expectedWrites: 1);

        Assert.False(transcript.GetProperty("stream").GetBoolean());
        Assert.Equal("tool_error", transcript.GetProperty("status").GetString());
        Assert.Equal(2, transcript.GetProperty("rounds").GetInt32());
        var calls = transcript.GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["ok", "tool_error"], calls.Select(call => call.GetProperty("outcome").GetString()));
        Assert.All(calls, call => Assert.True(call.GetProperty("server").GetBoolean()));
        Assert.Contains("\"result\":\"42\"", calls[0].GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Contains("Division by zero", calls[1].GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Contains("The result of calculate is", transcript.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_the_client_left_leaves_a_client_cancelled_transcript_with_the_partial_content()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"tokens\":10000,\"delay_ms\":5}"), cancellationToken);
        var id = response.Headers.GetValues("X-Transcript-Id").Single();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        await SseClient.ReadUntilAsync(reader, "\"content\":\"alpha\"", cancellationToken).WaitAsync(s_timeout, cancellationToken);

        response.Dispose();
        await _written.WaitForTotalAsync(1, s_timeout, cancellationToken);
        var transcript = await GetAsync(client, id);

        Assert.Equal("client_cancelled", transcript.GetProperty("status").GetString());
        Assert.StartsWith("alpha", transcript.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.True(transcript.GetProperty("content").GetString()!.Length < 10000 * 5);
    }

    [Fact]
    public async Task An_upstream_failure_is_recorded_too()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"status\":400,\"error_message\":\"bad things\"}"), cancellationToken);
        var transcript = await TranscriptAsync(client, response, expectedWrites: 1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upstream_error", transcript.GetProperty("status").GetString());
        Assert.Equal("bad things", transcript.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Lists_pages_and_deletes_a_keys_own_transcripts_and_hides_others()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var mine = _host.CreateClient();
        using var theirs = _host.CreateClient(ApiTestHost.OtherKey);
        using var admin = _host.CreateClient(ApiTestHost.AdminKey);
        var myIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            myIds.Add(await CompleteAsync(mine, $"mine {i}"));
        }

        var theirId = await CompleteAsync(theirs, "theirs");
        await _written.WaitForTotalAsync(4, s_timeout, cancellationToken);

        var page1 = await ListAsync(mine, "?limit=2");
        var page2 = await ListAsync(mine, $"?limit=2&before={page1.GetProperty("last_id").GetString()}");
        Assert.Equal([myIds[2], myIds[1]], Ids(page1));
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal([myIds[0]], Ids(page2));
        Assert.False(page2.GetProperty("has_more").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/v1/transcripts/{theirId}", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.DeleteAsync($"/v1/transcripts/{theirId}", cancellationToken)).StatusCode);
        Assert.Contains(theirId, Ids(await ListAsync(admin, "?limit=100")));

        using var deletion = await mine.DeleteAsync($"/v1/transcripts/{myIds[0]}", cancellationToken);
        var deleted = JsonDocument.Parse(await deletion.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        Assert.Equal(("transcript.deleted", true), (deleted.GetProperty("object").GetString(), deleted.GetProperty("deleted").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/v1/transcripts/{myIds[0]}", cancellationToken)).StatusCode);
        Assert.Equal([myIds[2], myIds[1]], Ids(await ListAsync(mine, "")));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?before=not-an-id", "before")]
    public async Task Refuses_bad_paging_arguments_with_400(string query, string param)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync("/v1/transcripts" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("tr_0000000000000000000000000000")]
    [InlineData("nonsense")]
    public async Task Answers_404_for_unknown_ids(string id)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync($"/v1/transcripts/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> CompleteAsync(HttpClient client, string message)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SseClient.ChatJson(message, stream: false), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Transcript-Id").Single();
    }

    private async Task<JsonElement> TranscriptAsync(HttpClient client, HttpResponseMessage response, int expectedWrites)
    {
        var id = response.Headers.GetValues("X-Transcript-Id").Single();
        await _written.WaitForTotalAsync(expectedWrites, s_timeout, TestContext.Current.CancellationToken);
        return await GetAsync(client, id);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/v1/transcripts/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transcript = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(id, transcript.GetProperty("id").GetString());
        return transcript;
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/v1/transcripts" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("list", list.GetProperty("object").GetString());
        return list;
    }

    private static List<string?> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString())];
}
