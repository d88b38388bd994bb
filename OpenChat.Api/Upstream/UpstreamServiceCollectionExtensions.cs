using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Upstream;

internal static class UpstreamServiceCollectionExtensions
{
    /// <summary>
    /// The upstream model server: its client and connection pool, and the model names clients may use. The pool
    /// is the named <see cref="UpstreamClient.HttpClientName"/> client of <see cref="IHttpClientFactory"/>, so a test
    /// can supply the primary handler.
    /// </summary>
    public static IHostApplicationBuilder AddUpstream(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<UpstreamOptions, UpstreamOptionsValidator>(UpstreamOptions.SectionName);
        builder.AddValidatedOptions<ModelOptions, ModelOptionsValidator>(ModelOptions.SectionName);

        // The client retries by itself, only before the first byte, and bounds headers and idle gaps rather than the
        // whole stream: the service defaults' resilience handler and per-request logging have no place here.
        builder.Services.AddHttpClient(UpstreamClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => UpstreamHandlerFactory.Create(services.GetRequiredService<IOptions<UpstreamOptions>>().Value))
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear())
            .RemoveAllLoggers()
            // SocketsHttpHandler renews its connections itself (PooledConnectionLifetime).
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        builder.Services.AddSingleton<UpstreamClient>();
        builder.Services.AddSingleton<ModelResolver>();
        return builder;
    }
}
