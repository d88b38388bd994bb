using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Tests.Integration;

namespace OpenChat.Api.Tests.Routing;

/// <summary>Upstreams that cannot be reached, that all fail, or that refuse the gateway's key.</summary>
public sealed class UpstreamOutageTests
{
    [Fact]
    public async Task A_refused_connection_is_answered_by_the_next_upstream()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(
            api: Unreachable("down", priority: 0),
            upstreams: [new SimulatedUpstream("up", new Dictionary<string, string?> { ["Priority"] = "1" })]);
        using var client = host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, "\"reply\":\"still here\""), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("still here", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken))));
        Assert.Equal(1, host.JournalOf("up").Received(id));
    }

    [Fact]
    public async Task When_every_upstream_fails_the_client_gets_the_last_failure_and_the_number_of_attempts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(
            api: Unreachable("last", priority: 2),
            upstreams:
            [
                new SimulatedUpstream("first"),
                new SimulatedUpstream("second", new Dictionary<string, string?> { ["Priority"] = "1" }),
            ]);
        using var client = host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, "\"status\":503,\"fail_on\":[\"first\",\"second\"]"), cancellationToken);

        // The first two answered 503; the last could not be reached, and that is what the client hears.
        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_unreachable", cancellationToken);
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("3 attempts", message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTestHost.ProviderKey, message, StringComparison.Ordinal);
        Assert.Equal(1, host.JournalOf("first").Received(id));
        Assert.Equal(1, host.JournalOf("second").Received(id));
    }

    [Fact]
    public async Task The_attempts_stop_at_the_configured_maximum()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(
            api: new Dictionary<string, string?> { ["OpenChat:Routing:MaxAttempts"] = "2" },
            upstreams:
            [
                new SimulatedUpstream("first"),
                new SimulatedUpstream("second", new Dictionary<string, string?> { ["Priority"] = "1" }),
                new SimulatedUpstream("third", new Dictionary<string, string?> { ["Priority"] = "2" }),
            ]);
        using var client = host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id,
            "\"status\":502,\"error_message\":\"bad gateway upstream\",\"fail_on\":[\"first\",\"second\",\"third\"]"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, null, cancellationToken);
        Assert.Equal("bad gateway upstream (gave up after 2 attempts)", error.GetProperty("message").GetString());
        Assert.Equal(0, host.JournalOf("third").Received(id));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task An_upstream_that_refuses_the_key_is_a_502_and_is_taken_out_of_service(int status)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(upstreams:
        [
            new SimulatedUpstream("refusing"),
            new SimulatedUpstream("serving", new Dictionary<string, string?> { ["Priority"] = "1" }),
        ]);
        using var client = host.CreateClient();
        var refused = Scripts.NewId();
        var next = Scripts.NewId();

        using var first = await SseClient.PostAsync(client, Scripts.Chat(refused, $"\"status\":{status},\"fail_on\":[\"refusing\"]"), cancellationToken);
        var error = await ErrorResponseAssert.IsErrorAsync(first, HttpStatusCode.BadGateway, "upstream_auth_failed", cancellationToken);
        using var second = await SseClient.PostAsync(client, Scripts.Chat(next), cancellationToken);
        await second.Content.ReadAsStringAsync(cancellationToken);

        // The key is the gateway's to fix, so no other upstream is asked; but nothing more is sent to that one.
        Assert.Contains("OpenChat:Upstreams:refusing:ApiKey", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.JournalOf("serving").Received(refused));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, host.JournalOf("refusing").Received(next));
        Assert.Equal(1, host.JournalOf("serving").Received(next));
        using var admin = host.CreateClient(ApiTestHost.AdminKey);
        var upstreams = JsonDocument.Parse(await admin.GetStringAsync("/admin/upstreams", cancellationToken)).RootElement.GetProperty("data");
        Assert.Equal("key_rejected", upstreams.EnumerateArray().Single(upstream => upstream.GetProperty("name").GetString() == "refusing").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_wrong_provider_key_names_the_setting_to_fix_and_never_the_key()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(upstreams:
        [
            new SimulatedUpstream("azure", new Dictionary<string, string?> { ["ApiKey"] = "not-the-provider-key", ["ApiKeyHeader"] = "api-key" },
                new Dictionary<string, string?> { ["Simulator:Profile"] = "azure" }),
        ]);
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_auth_failed", cancellationToken);
        Assert.Contains("OpenChat:Upstreams:azure:ApiKey", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-provider-key", error.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An upstream at loopback port 9, which nobody listens on: its connections are refused. Not a port that was free a
    /// moment ago: a server another test binds to port 0 may be given that one, and answer.
    /// </summary>
    private static Dictionary<string, string?> Unreachable(string name, int priority) => new()
    {
        [$"OpenChat:Upstreams:{name}:BaseUrl"] = "http://127.0.0.1:9/v1",
        [$"OpenChat:Upstreams:{name}:Models:0"] = "*",
        [$"OpenChat:Upstreams:{name}:Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
