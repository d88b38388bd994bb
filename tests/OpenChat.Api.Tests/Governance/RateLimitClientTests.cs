using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using OpenAI;
using OpenAI.Chat;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>
/// What clients see of the limits: the official OpenAI .NET client reads the 429 and its headers, and the
/// default limit on concurrent streams holds for configured keys too.
/// </summary>
public sealed class RateLimitClientTests : IAsyncLifetime
{
    private readonly GarnetTestServer _garnet = new();
    private GovernedApis _apis = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _apis = GovernedApis.Start(_garnet, new Dictionary<string, string?> { ["OpenChat:Governance:DefaultMaxConcurrentStreams"] = "1" });
    }

    public async ValueTask DisposeAsync()
    {
        await _apis.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task The_official_client_reads_the_429_its_code_and_its_headers()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"one a minute","rpm":1}""");
        // No retries: the SDK would otherwise wait out Retry-After and try again, as it does by default.
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential(secret),
            new OpenAIClientOptions { Endpoint = new Uri(_apis.Second, "/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        await client.CompleteChatAsync([new UserChatMessage("first")], cancellationToken: TestContext.Current.CancellationToken);

        var exception = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.CompleteChatAsync([new UserChatMessage("second")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((int)HttpStatusCode.TooManyRequests, exception.Status);
        var response = exception.GetRawResponse()!;
        Assert.True(response.Headers.TryGetValue("Retry-After", out var retryAfter) && int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(response.Headers.TryGetValue("x-ratelimit-limit-requests", out var limit) && limit == "1");
        Assert.True(response.Headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining) && remaining == "0");
        Assert.True(response.Headers.TryGetValue("x-ratelimit-reset-requests", out var reset) && reset!.EndsWith('s'));
        Assert.Contains("rate_limit_exceeded", response.Content.ToString(), StringComparison.Ordinal);
        Assert.Contains("requests per minute", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_limit_on_concurrent_streams_holds_for_configured_keys_across_replicas()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var refusals = _apis.Signal(_apis.Second, "openchat.governance.refusals");
        using var first = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);
        using var second = GovernedApis.Client(_apis.Second, ApiTestHost.GatewayKey);
        using var other = GovernedApis.Client(_apis.Second, ApiTestHost.OtherKey);

        using var running = await SseClient.PostAsync(first, SseClient.ChatJson("#sim {\"tokens\":100000,\"delay_ms\":5}"), cancellationToken);
        using var refused = await SseClient.PostAsync(second, SseClient.ChatJson("a second stream"), cancellationToken);
        using var anotherKey = await SseClient.PostAsync(other, SseClient.ChatJson("another key's stream"), cancellationToken);
        using var notStreamed = await GovernedApis.ChatAsync(second, "not a stream");

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = await GovernedApis.ErrorOf(refused);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("concurrent streams", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, refusals.Total);
        Assert.Equal(HttpStatusCode.OK, anotherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notStreamed.StatusCode);
    }
}
