using OpenChat.Api.Completions;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The GenAI spans and metrics, and the sink that counts completions by status.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        builder.Services.AddSingleton<GenAiMetrics>();
        builder.Services.AddSingleton<GenAiInstrumentation>();
        builder.Services.AddSingleton<ICompletionSink, CompletionMetricsSink>();
        return builder;
    }
}
