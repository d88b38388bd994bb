using Microsoft.Extensions.Options;

namespace OpenChat.Tools.Mcp.Federation;

public static class FederationHostBuilderExtensions
{
    /// <summary>
    /// The external MCP servers of <c>OpenChat:Tools:McpServers</c>: validated at start-up, connected in the background,
    /// their tools in the catalog beside the built-ins and their state in <c>/health</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMcpFederation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<McpFederationOptions>()
            .Bind(builder.Configuration.GetSection(McpFederationOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<McpFederationOptions>, McpFederationOptionsValidator>();
        services.AddSingleton<McpFederation>();
        services.AddHostedService(provider => provider.GetRequiredService<McpFederation>());
        services.AddHealthChecks().AddCheck<ExternalMcpServersHealthCheck>(ExternalMcpServersHealthCheck.Name);
        return builder;
    }
}
