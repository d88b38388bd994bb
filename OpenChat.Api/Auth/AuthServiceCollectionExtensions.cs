using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Hosting;
using OpenChat.Api.Redis;

namespace OpenChat.Api.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Gateway keys as an ASP.NET Core authentication scheme, with the <see cref="GatewayPolicies"/>: endpoints
    /// say <c>RequireAuthorization()</c> for any key and <c>RequireAuthorization(GatewayPolicies.Admin)</c> for admins.
    /// Configured keys always work; managed keys (Redis) too unless <c>OpenChat:Governance:Enabled</c> is false.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayKeyOptions, GatewayKeyOptionsValidator>(GatewayKeyOptions.SectionName);
        builder.AddValidatedOptions<ManagedKeyOptions, ManagedKeyOptionsValidator>(ManagedKeyOptions.SectionName);
        builder.Services.AddSingleton<GatewayKeyRing>();
        builder.Services.AddSingleton<GatewayPrincipals>();
        if (builder.Configuration.GetSection(ManagedKeyOptions.SectionName).GetValue(nameof(ManagedKeyOptions.Enabled), defaultValue: true))
        {
            builder.AddRedisConnection();
            builder.Services.AddSingleton<ManagedKeyStore>();
            builder.Services.AddSingleton<ManagedKeyLookup>();
        }

        builder.Services.AddAuthentication(GatewayKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, GatewayKeyAuthenticationHandler>(GatewayKeyAuthenticationHandler.SchemeName, configureOptions: null);

        // The scheme is the default one, so the authentication middleware has authenticated the request already; a
        // policy that named it would authenticate again and merge the two principals into a third on every request.
        var gateway = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Gateway, gateway)
            .AddPolicy(GatewayPolicies.Admin, policy => policy.Combine(gateway).RequireRole(GatewayClaims.AdminRole))
            .SetDefaultPolicy(gateway);
        return builder;
    }

    public static bool ManagedKeysEnabled(this IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<ManagedKeyOptions>>().Value.Enabled;
}
