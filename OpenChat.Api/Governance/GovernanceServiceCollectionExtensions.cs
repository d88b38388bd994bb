using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Hosting;
using OpenChat.Api.Redis;

namespace OpenChat.Api.Governance;

internal static class GovernanceServiceCollectionExtensions
{
    /// <summary>
    /// Limits, budgets and usage in Redis (<c>ConnectionStrings:redis</c>), unless <c>OpenChat:Governance:Enabled</c>
    /// is false: the admission the relay asks before each completion, and the sink that records usage after it.
    /// </summary>
    public static IHostApplicationBuilder AddGovernance(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GovernanceOptions, GovernanceOptionsValidator>(GovernanceOptions.SectionName);
        if (!builder.Configuration.GetSection(GovernanceOptions.SectionName).GetValue(nameof(GovernanceOptions.Enabled), defaultValue: true))
        {
            return builder;
        }

        var services = builder.Services;
        builder.AddRedisConnection();
        services.AddSingleton<GovernanceKeys>();
        services.AddSingleton<GovernanceMetrics>();
        services.AddSingleton<PriceTable>();
        services.AddSingleton<StreamLeases>();
        services.AddHostedService(provider => provider.GetRequiredService<StreamLeases>());
        services.AddSingleton<SpareStreamSlots>();
        services.AddHostedService(provider => provider.GetRequiredService<SpareStreamSlots>());
        services.AddSingleton<ICompletionAdmission, AdmissionControl>();
        services.AddHostedService<TokenizerWarmUp>();
        services.AddSingleton<UsageQueue>();
        services.AddSingleton<UsageStore>();
        services.AddHostedService<UsageWriter>();

        // First among the sinks: it prices the completion, and the transcript sink hands the record to a writer
        // that may serialize it at once.
        services.Insert(0, ServiceDescriptor.Singleton<ICompletionSink, UsageSink>());
        return builder;
    }

    public static bool GovernanceEnabled(this IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<GovernanceOptions>>().Value.Enabled;
}
