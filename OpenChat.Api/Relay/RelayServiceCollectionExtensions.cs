using OpenChat.Api.Hosting;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

public static class RelayServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRelay(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddValidatedOptions<UpstreamOptions, UpstreamOptionsValidator>(UpstreamOptions.SectionName);
        builder.AddValidatedOptions<RelayOptions, RelayOptionsValidator>(RelayOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName));

        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<ModelResolver>();
        services.AddSingleton<CompletionServices>();
        services.AddSingleton<ChatCompletionHandler>();
        services.AddSingleton<ModelsHandler>();
        services.AddSingleton<GenAiMetrics>();
        services.AddSingleton<GenAiInstrumentation>();
        services.AddSingleton<ICompletionSink, CompletionMetricsSink>();

        // Bodies over the limit are refused by Kestrel as well as by the reader, chunked ones included.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue(
                $"{RelayOptions.SectionName}:{nameof(RelayOptions.MaxRequestBodyBytes)}", new RelayOptions().MaxRequestBodyBytes));
        return builder;
    }
}
