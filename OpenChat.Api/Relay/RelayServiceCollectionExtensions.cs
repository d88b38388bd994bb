using OpenChat.Api.Hosting;

namespace OpenChat.Api.Relay;

internal static class RelayServiceCollectionExtensions
{
    /// <summary>The chat endpoint and the tool loop; it composes the features, which register themselves.</summary>
    public static IHostApplicationBuilder AddRelay(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RelayOptions, RelayOptionsValidator>(RelayOptions.SectionName);
        builder.Services.AddSingleton<CompletionServices>();
        builder.Services.AddSingleton<ChatCompletionHandler>();
        builder.Services.AddSingleton<ActiveCompletions>();
        builder.Services.AddHostedService<ShutdownReport>();

        // Bodies over the limit are refused by Kestrel as well as by the reader, chunked ones included.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue(
                $"{RelayOptions.SectionName}:{nameof(RelayOptions.MaxRequestBodyBytes)}", new RelayOptions().MaxRequestBodyBytes));
        return builder;
    }
}
