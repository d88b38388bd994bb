using Microsoft.Extensions.Options;

namespace OpenChat.Api.Hosting;

internal static class ShutdownServiceCollectionExtensions
{
    /// <summary>The host's shutdown timeout from <c>OpenChat:ShutdownTimeout</c> instead of its default 30 seconds.</summary>
    public static IHostApplicationBuilder AddShutdownGrace(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ShutdownOptions, ShutdownOptionsValidator>(ShutdownOptions.SectionName);
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);
        return builder;
    }
}
