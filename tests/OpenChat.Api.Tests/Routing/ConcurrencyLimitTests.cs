using System.Net;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Tests.Integration;

namespace OpenChat.Api.Tests.Routing;

/// <summary>An upstream at its limit of concurrent requests is skipped, not waited for; a stream holds its slot to the last byte.</summary>
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task An_upstream_at_its_limit_is_skipped_for_the_next()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(upstreams:
        [
            new SimulatedUpstream("small", new Dictionary<string, string?> { ["MaxConcurrentRequests"] = "1" }),
            new SimulatedUpstream("large", new Dictionary<string, string?> { ["Priority"] = "1" }),
        ]);
        using var client = host.CreateClient();
        var held = Scripts.NewId();
        var next = Scripts.NewId();

        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The answer waits a minute for its first word, holding small's one slot from the moment it was sent.
        var holding = SseClient.PostAsync(client, Scripts.Chat(held, "\"reply\":\"slow\",\"ttft_ms\":60000"), leave.Token);
        await host.JournalOf("small").WaitForAsync(entry => entry.ScriptId == held, cancellationToken);
        using var response = await SseClient.PostAsync(client, Scripts.Chat(next), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, host.JournalOf("small").Received(next));
        Assert.Equal(1, host.JournalOf("large").Received(next));
    }

    [Fact]
    public async Task A_request_that_finds_every_upstream_at_its_limit_is_a_503_to_try_again_shortly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(api: new Dictionary<string, string?> { ["OpenChat:Upstream:MaxConcurrentRequests"] = "1" });
        using var client = host.CreateClient();
        var held = Scripts.NewId();

        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var holding = SseClient.PostAsync(client, Scripts.Chat(held, "\"reply\":\"slow\",\"ttft_ms\":60000"), leave.Token);
        await host.Journal.WaitForAsync(entry => entry.ScriptId == held, cancellationToken);
        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        await leave.CancelAsync();

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.ServiceUnavailable, "upstream_overloaded", cancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Single(host.Journal.Entries);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);
    }
}
