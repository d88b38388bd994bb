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
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, GatewayKeyAuthenticationHandler>(
                GatewayKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Gateway, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(GatewayPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(GatewayClaims.AdminRole))
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(GatewayKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().Build());
        return builder;
    }
}
