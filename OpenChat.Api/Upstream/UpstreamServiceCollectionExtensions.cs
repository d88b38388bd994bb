using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Upstream;

internal static class UpstreamServiceCollectionExtensions
{
    /// <summary>
    /// The upstream model servers: one client and connection pool per configured upstream (the named client
    /// <see cref="UpstreamClient.HttpClientNameOf"/> of <see cref="IHttpClientFactory"/>, so a test can supply the
    /// primary handler of each), the model names clients may use and which upstreams serve them, the routing
    /// between them, their health (in <c>/health</c>) and metrics.
    /// </summary>
    public static IHostApplicationBuilder AddUpstream(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<UpstreamSetOptions>, UpstreamSetOptionsValidator>();
        services.AddOptions<UpstreamSetOptions>().Configure(set => UpstreamSetOptions.Read(configuration, set)).ValidateOnStart();
        builder.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.SectionName);
        builder.AddValidatedOptions<ModelOptions, ModelOptionsValidator>(ModelOptions.SectionName);

        var configured = new UpstreamSetOptions();
        UpstreamSetOptions.Read(configuration, configured);
        foreach (var name in configured.Upstreams.Select(upstream => upstream.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Each upstream retries and falls back by itself, only before the first byte, and bounds headers and idle
            // gaps rather than whole streams: the service defaults' resilience handler and per-request logging have no
            // place here. UpstreamClient sends through the handler alone, so no HttpClient (nor its timeout) is involved.
            services.AddHttpClient(UpstreamClient.HttpClientNameOf(name))
                .ConfigurePrimaryHttpMessageHandler(provider => UpstreamHandlerFactory.Create(OptionsOf(provider, name)))
                .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear())
                .RemoveAllLoggers()
                // SocketsHttpHandler renews its connections itself (PooledConnectionLifetime).
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services.AddSingleton<UpstreamPool>();
        services.AddSingleton<ModelRouteTable>();
        services.AddSingleton<ModelResolver>();
        services.AddSingleton<UpstreamRouter>();
        services.AddSingleton<UpstreamMetrics>();
        services.AddSingleton<UpstreamOutcomes>();
        services.AddSingleton<UpstreamDispatcher>();
        services.AddHealthChecks().AddCheck<UpstreamHealthCheck>("upstreams");
        return builder;
    }

    private static UpstreamOptions OptionsOf(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptions<UpstreamSetOptions>>().Value.Upstreams
            .First(upstream => string.Equals(upstream.Name, name, StringComparison.OrdinalIgnoreCase)).Options;
}
