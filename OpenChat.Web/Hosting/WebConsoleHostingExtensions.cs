using Microsoft.Extensions.Options;

namespace OpenChat.Web.Hosting;

internal static class WebConsoleHostingExtensions
{
    /// <summary>Binds <see cref="WebConsoleOptions"/> and checks them when the host starts, naming the key of any bad value.</summary>
    public static IHostApplicationBuilder AddWebConsoleOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<WebConsoleOptions>, WebConsoleOptionsValidator>();
        builder.Services.AddOptions<WebConsoleOptions>().Bind(builder.Configuration.GetSection(WebConsoleOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TraceLinks>();
        return builder;
    }
}
