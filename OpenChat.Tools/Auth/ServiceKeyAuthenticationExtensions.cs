using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpenChat.Tools.Auth;

public static class ServiceKeyAuthenticationExtensions
{
    /// <summary>The policy the tool surfaces require: a caller that presented the service key.</summary>
    public const string CallerPolicy = "service-key";

    /// <summary>
    /// The service key (validated at start-up, so the service never runs open), the scheme that checks it and
    /// the policy <c>/tools</c> and <c>/mcp</c> require. Health endpoints require nothing.
    /// </summary>
    public static IHostApplicationBuilder AddServiceKeyAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<ServiceKeyOptions>, ServiceKeyOptionsValidator>();
        services.AddOptions<ServiceKeyOptions>().Bind(builder.Configuration.GetSection(ServiceKeyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<ServiceKeyDigest>();

        services.AddAuthentication(ServiceKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ServiceKeyAuthenticationHandler>(ServiceKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy, policy => policy.RequireAuthenticatedUser());
        return builder;
    }
}
