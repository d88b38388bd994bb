using System.Net;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>
/// Redis goes away under the limits: by default they fail open (with a metric), keys read recently stay valid
/// for the stale window, keys never seen get 503, configured keys always work; configured to fail closed, the
/// limits refuse with 503.
/// </summary>
public abstract class GovernanceRedisDownTests(IRedisTestServer server) : IAsyncLifetime
{
    private GovernedApis _apis = null!;

    public async ValueTask InitializeAsync()
    {
        await server.StartAsync();
        _apis = GovernedApis.Start(server);
    }

    public async ValueTask DisposeAsync()
    {
        await _apis.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Limits_fail_open_and_known_keys_stay_valid_for_the_stale_window_while_unknown_keys_get_503()
    {
        var (_, known) = await _apis.CreateKeyAsync("""{"name":"known","rpm":1}""");
        var (_, unknown) = await _apis.CreateKeyAsync("""{"name":"never used"}""");
        using var knownClient = GovernedApis.Client(_apis.Second, known);
        using var unknownClient = GovernedApis.Client(_apis.Second, unknown);
        using var configured = GovernedApis.Client(_apis.Second, ApiTestHost.GatewayKey);
        using var used = await GovernedApis.ChatAsync(knownClient, "while redis is up");
        Assert.Equal("0", used.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        using var unavailable = _apis.Signal(_apis.Second, "openchat.governance.redis_unavailable");

        await server.StopAsync();
        // Past the cache time the key must be read again, and cannot be.
        _apis.Time.Advance(TimeSpan.FromSeconds(1));

        // rpm 1 is spent, yet the request goes through: the limits cannot be checked and fail open.
        using var failedOpen = await GovernedApis.ChatAsync(knownClient, "while redis is down");
        Assert.Equal(HttpStatusCode.OK, failedOpen.StatusCode);
        Assert.False(failedOpen.Headers.Contains("x-ratelimit-remaining-requests"));
        Assert.True(unavailable.Total >= 1);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(configured, "a configured key")).StatusCode);

        using var refused = await GovernedApis.ChatAsync(unknownClient, "never seen here");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("key_store_unavailable", (await GovernedApis.ErrorOf(refused)).GetProperty("code").GetString());

        _apis.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GovernedApis.ChatAsync(knownClient, "past the stale window")).StatusCode);
    }

    [Fact]
    public async Task Limits_configured_to_fail_closed_refuse_with_503()
    {
        var failClosed = _apis.Host.StartReplica(new Dictionary<string, string?>
        {
            ["OpenChat:Governance:RedisDownMode"] = "FailClosed",
            ["ConnectionStrings:redis"] = ApiTestHost.RedisConnectionString(server.ConnectionString),
        });
        using var client = GovernedApis.Client(failClosed.Address, ApiTestHost.GatewayKey);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(client, "while redis is up")).StatusCode);

        await server.StopAsync();
        using var refused = await GovernedApis.ChatAsync(client, "while redis is down");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("limits_unavailable", (await GovernedApis.ErrorOf(refused)).GetProperty("code").GetString());
        Assert.True(refused.Headers.Contains("Retry-After"));
    }
}

public sealed class GarnetGovernanceRedisDownTests() : GovernanceRedisDownTests(new GarnetTestServer());

public sealed class RedisServerGovernanceRedisDownTests() : GovernanceRedisDownTests(new RedisServerTestServer());
