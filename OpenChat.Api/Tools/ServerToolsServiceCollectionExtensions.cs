using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Tools;

internal static class ServerToolsServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddServerTools(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddValidatedOptions<ServerToolOptions, ServerToolOptionsValidator>(ServerToolOptions.SectionName);

        // Tool calls have their own timeout and report failures to the model, which may call again: the
        // default retries would only make a failing call slower to report.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt out.
        services.AddHttpClient(ToolsServiceClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<ServerToolOptions>>().Value;
                http.BaseAddress = options.BaseUrl;

                // Set once here, so every call (catalog and invoke) carries the key the Tools service requires.
                if (!string.IsNullOrEmpty(options.ServiceKey))
                {
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ServiceKey);
                }
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.AddSingleton<ToolsServiceClient>();
        services.AddSingleton<ServerToolExecutor>();
        services.AddSingleton<ServerToolCatalog>();
        services.AddHostedService<ServerToolCatalogRefresher>();
        return builder;
    }
}
