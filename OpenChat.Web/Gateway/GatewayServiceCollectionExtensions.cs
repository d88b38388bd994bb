using Microsoft.Extensions.Options;
using OpenChat.Web.Admin;
using OpenChat.Web.Hosting;

namespace OpenChat.Web.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The Api's clients: one named <see cref="HttpClient"/> at <c>OpenChat:Web:ApiBaseUrl</c> (by default
    /// <c>http://api</c>, which service discovery resolves), and a client per surface, scoped to the circuit so
    /// each calls with its own user's key.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayClients(this IHostApplicationBuilder builder)
    {
        // Answers stream for as long as the model talks, and the Api retries upstream itself: the service
        // defaults' timeouts would cut a long answer and their retries would send a completion twice.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt out.
        builder.Services.AddHttpClient(GatewayTransport.HttpClientName, (services, http) =>
            {
                http.BaseAddress = services.GetRequiredService<IOptions<WebConsoleOptions>>().Value.ApiBaseUrl;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        builder.Services.AddSingleton<GatewayTransport>();
        builder.Services.AddScoped<GatewayCaller>();
        builder.Services.AddScoped<ModelsClient>();
        builder.Services.AddScoped<ChatClient>();
        builder.Services.AddScoped<TranscriptsClient>();
        builder.Services.AddScoped<KeysClient>();
        builder.Services.AddScoped<UsageClient>();
        builder.Services.AddScoped<UpstreamsClient>();
        return builder;
    }
}
