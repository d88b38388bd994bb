using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenChat.EndToEnd.Tests;

public sealed class ClusterTests(AppHostFixture cluster) : IClassFixture<AppHostFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_api_streams_a_simulator_answer_through_the_cluster()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = cluster.App.CreateHttpClient("api");
        using var request = ChatRequest("""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hello cluster"}]}""");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("hello cluster", ContentOf(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_tool_call_runs_in_the_tools_service_and_the_client_sees_only_the_answer()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = cluster.App.CreateHttpClient("api");
        using var request = ChatRequest("""{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"What is 6*7?\n#sim {\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}}]}"}]}""");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("tool_calls", body, StringComparison.Ordinal);
        Assert.Contains("42", ContentOf(body), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Transcript-Id"));
    }

    [Fact]
    public async Task The_api_refuses_a_request_without_the_gateway_key()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = cluster.App.CreateHttpClient("api");
        using var request = ChatRequest("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Authorization = null;

        using var response = await http.SendAsync(request, cancellationToken).WaitAsync(s_timeout, cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_console_is_healthy_and_serves_its_sign_in_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = cluster.App.CreateHttpClient("web");

        using var health = await http.GetAsync("/health", cancellationToken).WaitAsync(s_timeout, cancellationToken);
        using var signIn = await http.GetAsync("/signin", cancellationToken).WaitAsync(s_timeout, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign in", await signIn.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
    }

    private static HttpRequestMessage ChatRequest(string json) => new(HttpMethod.Post, "/v1/chat/completions")
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AppHostFixture.GatewayKey) },
    };

    /// <summary>The content deltas of a stream joined, after checking that it ends with exactly one <c>[DONE]</c>.</summary>
    private static string ContentOf(string body)
    {
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        Assert.Single(events, e => e == "[DONE]");
        return string.Concat(events.SkipLast(1)
            .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices"))
            .Where(choices => choices.GetArrayLength() > 0)
            .Select(choices => choices[0].GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : ""));
    }
}
