using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenChat.ModelSimulator.Chat;
using OpenChat.ModelSimulator.Journal;

namespace OpenChat.ModelSimulator;

public static class SimulatorServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddModelSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton<SimulatorJournal>();
        builder.Services.AddSingleton<ChatCompletionsResponder>();
        builder.Services.AddSingleton<TokenClock>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
