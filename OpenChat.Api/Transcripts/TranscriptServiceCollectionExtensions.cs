using OpenChat.Api.Completions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;
using OpenChat.Api.Redis;

namespace OpenChat.Api.Transcripts;

internal static class TranscriptServiceCollectionExtensions
{
    /// <summary>
    /// Records every completion in Redis (<c>ConnectionStrings:redis</c>) unless <c>OpenChat:Transcripts:Enabled</c>
    /// is false, in which case nothing here, Redis included, is registered.
    /// </summary>
    public static IHostApplicationBuilder AddTranscripts(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TranscriptOptions.SectionName);
        var services = builder.Services;
        builder.AddValidatedOptions<TranscriptOptions, TranscriptOptionsValidator>(TranscriptOptions.SectionName);
        if (!section.GetValue(nameof(TranscriptOptions.Enabled), defaultValue: true))
        {
            return builder;
        }

        builder.AddRedisConnection();
        services.AddSingleton<TranscriptKeys>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<TranscriptQueue>();
        services.AddSingleton<TranscriptMetrics>();
        services.AddSingleton<ICompletionSink, TranscriptSink>();
        services.AddHostedService<TranscriptWriter>();
        services.AddHealthChecks().AddCheck<TranscriptQueueHealthCheck>("transcripts");
        return builder;
    }

    public static bool TranscriptsEnabled(this IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<TranscriptOptions>>().Value.Enabled;
}
