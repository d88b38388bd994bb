using Microsoft.Extensions.Options;

namespace OpenChat.Api.Auth;

public static class GatewayAuthServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddGatewayKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayKeyOptions>()
            .Bind(builder.Configuration.GetSection(GatewayKeyOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayKeyOptions>, GatewayKeyOptionsValidator>();
        builder.Services.AddSingleton<GatewayKeyRing>();
        builder.Services.AddSingleton<GatewayKeyFilter>();
        return builder;
    }
}
