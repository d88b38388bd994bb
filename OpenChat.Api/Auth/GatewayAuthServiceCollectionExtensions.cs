using OpenChat.Api.Hosting;

namespace OpenChat.Api.Auth;

public static class GatewayAuthServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddGatewayKeys(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayKeyOptions, GatewayKeyOptionsValidator>(GatewayKeyOptions.SectionName);
        builder.Services.AddSingleton<GatewayKeyRing>();
        builder.Services.AddSingleton<GatewayKeyFilter>();
        return builder;
    }
}
