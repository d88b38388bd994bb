using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using OpenChat.Api.Completions;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Gateway keys as an ASP.NET Core authentication scheme, with the <see cref="GatewayPolicies"/>: endpoints
    /// say <c>RequireAuthorization()</c> for any key and <c>RequireAuthorization(GatewayPolicies.Admin)</c> for admins.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayKeyOptions, GatewayKeyOptionsValidator>(GatewayKeyOptions.SectionName);
        builder.Services.AddSingleton<GatewayKeyRing>();
        builder.Services.AddAuthentication(GatewayKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, GatewayKeyAuthenticationHandler>(GatewayKeyAuthenticationHandler.SchemeName, configureOptions: null);

        var gateway = new AuthorizationPolicyBuilder(GatewayKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Gateway, gateway)
            .AddPolicy(GatewayPolicies.Admin, policy => policy.Combine(gateway).RequireRole(GatewayClaims.AdminRole))
            .SetDefaultPolicy(gateway);
        return builder;
    }
}
