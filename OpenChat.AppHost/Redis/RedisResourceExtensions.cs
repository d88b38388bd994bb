using Microsoft.Extensions.Configuration;

namespace OpenChat.AppHost.Redis;

internal static class RedisResourceExtensions
{
    /// <summary>The configuration key that forces a Redis source: <c>auto</c> (default), <c>container</c> or <c>garnet</c>.</summary>
    public const string ModeKey = "OpenChat:RedisMode";

    /// <summary>
    /// Adds the transcript store, named <c>redis</c>, from the first source that fits: a configured
    /// <c>ConnectionStrings:redis</c>; the Redis container where a container engine answers (and always when
    /// publishing, so the manifest deploys); otherwise Garnet as a .NET tool, which needs no install.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddOpenChatRedis(this IDistributedApplicationBuilder builder)
    {
        const string Name = "redis";

        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddRedis(Name);
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(Name)))
        {
            return builder.AddConnectionString(Name);
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        var useContainer = builder.Configuration[ModeKey]?.ToLowerInvariant() switch
        {
            "container" => true,
            "garnet" => false,
            _ => ContainerRuntimeProbe.IsEngineAvailable(runtime),
        };

        return useContainer ? builder.AddRedis(Name) : builder.AddGarnet(Name);
    }
}
