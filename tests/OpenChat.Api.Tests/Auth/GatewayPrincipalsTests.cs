using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Auth;
using OpenChat.Api.Completions;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Auth;

/// <summary>
/// The Api's authentication as the framework runs it for each request (a scope, a handler, the scheme's result),
/// with configured keys: every request with one key is given the one principal built for that key.
/// </summary>
public sealed class GatewayPrincipalsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private IServiceProvider Services => fixture.Host.Api.Services;

    [Fact]
    public async Task Requests_with_one_key_share_its_principal_and_another_key_has_its_own()
    {
        var first = await AuthenticateAsync(ApiTestHost.GatewayKey);
        var second = await AuthenticateAsync(ApiTestHost.GatewayKey);
        var admin = await AuthenticateAsync(ApiTestHost.AdminKey);

        Assert.Same(first, second);
        Assert.NotSame(first, admin);
        Assert.False(first.IsInRole(GatewayClaims.AdminRole));
        Assert.True(admin.IsInRole(GatewayClaims.AdminRole));
        Assert.Equal(GatewayKeyRing.KeyIdOf(ApiTestHost.GatewayKey), first.FindFirstValue(GatewayClaims.KeyId));
        Assert.Equal(GatewayKeyRing.KeyIdOf(ApiTestHost.AdminKey), admin.FindFirstValue(GatewayClaims.KeyId));
    }

    [Fact]
    public async Task The_shared_principal_carries_the_key_rings_own_caller()
    {
        var principal = await AuthenticateAsync(ApiTestHost.GatewayKey);

        Assert.True(Services.GetRequiredService<GatewayKeyRing>().TryAuthenticate(ApiTestHost.GatewayKey, out var caller));
        Assert.Same(caller, GatewayCaller.From(principal));
    }

    [Fact]
    public void Callers_equal_in_value_but_read_apart_get_principals_of_their_own()
    {
        // A managed key read again from Redis is a new caller: its principal must carry that caller, not an
        // earlier one that merely compares equal.
        var principals = new GatewayPrincipals();
        var earlier = new GatewayCaller("key_0123456789ab", IsAdmin: false, "team");
        var later = earlier with { };

        Assert.Equal(earlier, later);
        Assert.Same(earlier, GatewayCaller.From(principals.For(earlier)));
        Assert.Same(later, GatewayCaller.From(principals.For(later)));
        Assert.Same(principals.For(later), principals.For(later));
    }

    [Fact]
    public void Nothing_transforms_the_shared_principals()
    {
        // A claims transformation is handed the principal of every request; one that added to it would add to
        // every later request's principal too.
        var transformation = Assert.Single(Services.GetServices<IClaimsTransformation>());
        Assert.IsType<NoopClaimsTransformation>(transformation);
    }

    private async Task<ClaimsPrincipal> AuthenticateAsync(string key)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + key;
        var result = await context.AuthenticateAsync();
        Assert.True(result.Succeeded);
        return result.Principal!;
    }
}
