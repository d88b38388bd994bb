using Microsoft.Extensions.Options;

namespace OpenChat.Api.Hosting;

internal static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to a configuration section and checks it with
    /// <typeparamref name="TValidator"/> when the host starts, so a bad value stops the Api with the key to fix.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(sectionName)).ValidateOnStart();
    }
}
