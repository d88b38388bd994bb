using System.Net;
using System.Text;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

public sealed class UpstreamFailureTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Retries_5xx_before_anything_reached_the_client()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{\"id\":\"{id}\",\"status\":503,\"fail_times\":2,\"reply\":\"third time lucky\"}}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("third time lucky", SseClient.Content(events));
        Assert.Equal(3, fixture.Host.Journal.Entries.Count(entry => entry.ScriptId == id));
    }

    [Fact]
    public async Task Passes_a_429_with_a_long_retry_after_back_to_the_client()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            $"#sim {{\"id\":\"{id}\",\"status\":429,\"retry_after\":30,\"error_message\":\"Rate limit reached\",\"error_type\":\"requests\",\"error_code\":\"rate_limit_exceeded\"}}"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_exceeded", cancellationToken);
        Assert.Equal("Rate limit reached", error.GetProperty("message").GetString());
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Single(fixture.Host.Journal.Entries, entry => entry.ScriptId == id);
    }

    [Fact]
    public async Task Passes_on_upstream_4xx_statuses_and_messages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi", model: "no-such-upstream-model"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "model_not_found", cancellationToken);
        Assert.Contains("no-such-upstream-model", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_provider_key_and_none_of_the_clients_headers_upstream()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SseClient.ChatJson($"#sim {{\"id\":\"{id}\"}}", stream: false), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", "session=secret");
        request.Headers.Add("X-Forwarded-For", "10.0.0.1");
        request.Headers.Add("X-Custom-Client", "mine");

        using var response = await client.SendAsync(request, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = fixture.Host.Journal.Entries.Single(entry => entry.ScriptId == id).Headers;
        // The simulator answers 200 only to its own key, so the OK above proves the provider key went upstream;
        // its journal keeps no credentials, only that a bearer token came.
        Assert.Equal("Bearer [redacted]", headers["Authorization"]);
        Assert.DoesNotContain(headers.Keys, name => name is "Cookie" or "X-Forwarded-For" or "X-Custom-Client");
        Assert.DoesNotContain(headers.Values, value => value.Contains(ApiTestHost.GatewayKey, StringComparison.Ordinal));
        Assert.Equal(fixture.Host.Simulator.Address.Authority, headers["Host"]);
    }

    [Fact]
    public async Task Passes_a_non_streamed_answer_through_with_its_status()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SseClient.ChatJson("plain please", stream: false), Encoding.UTF8, "application/json"), cancellationToken);
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal("You said: plain please", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(4, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(response.Headers.Contains("X-Transcript-Id"));
    }

    [Fact]
    public async Task Lists_the_upstreams_models()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();

        var models = JsonDocument.Parse(await client.GetStringAsync("/v1/models", cancellationToken)).RootElement;

        Assert.Equal("list", models.GetProperty("object").GetString());
        Assert.Contains("gpt-4o-mini", models.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Reports_a_refused_provider_key_as_the_gateways_problem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(api: new Dictionary<string, string?> { ["OpenChat:Upstream:ApiKey"] = "not-the-provider-key" });
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed", cancellationToken);
        Assert.DoesNotContain("not-the-provider-key", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_502_when_the_upstream_cannot_be_reached()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(upstream: new Uri("http://127.0.0.1:9/v1"));
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_unreachable", cancellationToken);
    }

    [Fact]
    public async Task Refuses_an_upstream_whose_certificate_is_not_trusted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var untrusted = await TlsUpstream.StartAsync();
        await using var host = ApiTestHost.Start(upstream: untrusted.BaseUrl);
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_unreachable", cancellationToken);
        Assert.Equal(0, untrusted.Requests);
    }
}
