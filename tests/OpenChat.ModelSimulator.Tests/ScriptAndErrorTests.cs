using System.Net;
using System.Text;
using System.Text.Json;
using OpenChat.ModelSimulator.Journal;

namespace OpenChat.ModelSimulator.Tests;

public sealed class ScriptAndErrorTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Fails_with_the_scripted_status_error_body_and_retry_after()
    {
        var (response, body) = await simulator.PostAsync(SimulatorFixture.Chat(
            "#sim {\"status\":429,\"retry_after\":7,\"error_message\":\"slow down\",\"error_code\":\"rate_limit_exceeded\"}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(("slow down", "rate_limit_exceeded"), (error.GetProperty("message").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Fails_only_the_first_times_of_a_script_id()
    {
        var script = SimulatorFixture.Chat($"#sim {{\"id\":\"{Guid.NewGuid():N}\",\"status\":503,\"fail_times\":2}}", stream: false);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await simulator.PostAsync(script)).Response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Theory]
    [InlineData("[\"simulator\"]", HttpStatusCode.ServiceUnavailable)]
    [InlineData("[\"other\",\"simulator\"]", HttpStatusCode.ServiceUnavailable)]
    [InlineData("[\"other\"]", HttpStatusCode.OK)]
    [InlineData("[]", HttpStatusCode.OK)]
    public async Task Fails_only_on_the_simulators_the_script_names(string failOn, HttpStatusCode expected)
    {
        var (response, _) = await simulator.PostAsync(SimulatorFixture.Chat($"#sim {{\"status\":503,\"fail_on\":{failOn}}}", stream: false));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Streams_to_the_end_when_a_mid_stream_failure_names_another_simulator()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"reply\":\"a b c\",\"fail_after\":1,\"fail_on\":[\"other\"]}"));

        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crlf", "data: ", "\r\n\r\n")]
    [InlineData("cr", "data: ", "\r\r")]
    public async Task Frames_events_with_the_scripted_line_ending(string lineEnding, string prefix, string separator)
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat($"#sim {{\"line_ending\":\"{lineEnding}\",\"reply\":\"a b\"}}"));

        var events = body.Split(separator, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, events.Length);
        Assert.All(events, e => Assert.StartsWith(prefix, e, StringComparison.Ordinal));
        Assert.DoesNotContain("\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Puts_a_comment_line_before_every_event()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"comments\":true,\"reply\":\"a\",\"split_writes\":true}"));

        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith(": ping\ndata: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1].Split('\n')[1]);
    }

    [Fact]
    public async Task Sends_a_one_mebibyte_content_piece()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"content_bytes\":1048576}"));

        var content = JsonDocument.Parse(WireFormatTests.Events(body)[1]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString();
        Assert.Equal(1024 * 1024, content!.Length);
    }

    [Fact]
    public async Task Ends_with_an_error_event_and_no_done_when_scripted_to()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"reply\":\"a b c\",\"fail_after\":1,\"fail_mode\":\"error_event\"}"));

        var events = WireFormatTests.Events(body);
        Assert.Equal("simulated_failure", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task Aborts_the_connection_mid_stream_when_scripted_to()
    {
        using var client = simulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SimulatorFixture.Chat("#sim {\"reply\":\"a b c\",\"fail_after\":1}"), Encoding.UTF8, "application/json"),
        };

        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        });

        Assert.IsAssignableFrom<HttpRequestException>(failure);
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model")]
    [InlineData("{\"model\":\"gpt-4o-mini\"}", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[]}", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "stream")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"#sim {\\\"tokns\\\":1}\"}]}", "messages[0].content")]
    public async Task Refuses_invalid_requests_like_openai(string body, string? param)
    {
        var (response, text) = await simulator.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Refuses_unknown_models_with_404_and_wrong_keys_with_401()
    {
        var (unknown, unknownBody) = await simulator.PostAsync("{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        var (unauthorized, _) = await simulator.PostAsync(SimulatorFixture.Chat("hi"), key: "wrong");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("model_not_found", JsonDocument.Parse(unknownBody).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Journals_headers_body_and_a_cancelled_outcome_when_the_client_leaves()
    {
        var id = Guid.NewGuid().ToString("N");
        using var client = simulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SimulatorFixture.Chat($"#sim {{\"id\":\"{id}\",\"tokens\":100000,\"delay_ms\":10}}"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Probe", "seen");

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await stream.ReadExactlyAsync(new byte[16], TestContext.Current.CancellationToken);
        response.Dispose();

        var entry = await simulator.Journal.WaitForAsync(e => e.ScriptId == id && e.Outcome == JournalOutcomes.Cancelled, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("seen", entry.Headers["X-Probe"]);
        Assert.Contains(id, entry.Body, StringComparison.Ordinal);
        Assert.True(entry.Stream);
        Assert.InRange(entry.Chunks, 1, 99_999);
    }
}
