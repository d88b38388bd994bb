using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;
using StackExchange.Redis;

namespace OpenChat.Api.Redis;

internal static class RedisServiceCollectionExtensions
{
    private const string RedisTracingSwitch = "Aspire:StackExchange:Redis:DisableTracing";

    /// <summary>
    /// The Redis connection (<c>ConnectionStrings:redis</c>) for every feature that keeps state there; safe to call
    /// from each of them. The gateway serves while Redis is away, so Redis neither decides readiness nor holds up
    /// start-up.
    /// </summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(RedisConnection)))
        {
            return builder;
        }

        builder.Services.AddSingleton<IValidateOptions<RedisConnectionOptions>, RedisConnectionOptionsValidator>();
        builder.Services.AddOptions<RedisConnectionOptions>()
            .Configure(options => options.ConnectionString = builder.Configuration.GetConnectionString(RedisConnectionOptions.ConnectionName))
            .ValidateOnStart();
        builder.AddRedisClient(RedisConnectionOptions.ConnectionName,
            settings =>
            {
                settings.DisableHealthChecks = true;
                // A span per Redis command (two or three per completion) cost a fifth of the Api's CPU per request
                // and some 120 MB at 64 busy streams, its profiling sessions buffering every command; the spans that
                // matter (the transcript write) are the Api's own. Aspire:StackExchange:Redis:DisableTracing=false
                // brings them back.
                settings.DisableTracing = builder.Configuration.GetValue<bool?>(RedisTracingSwitch) ?? true;
            },
            redis =>
            {
                redis.AbortOnConnectFail = false;
                // Replies are read on the .NET thread pool rather than handed over from StackExchange.Redis's own
                // threads: every Redis call here is awaited, never waited on, so the pool it guards against starving
                // cannot starve on Redis, and the hand-over cost the Api 6% of its CPU per completion on two cores
                // (bench/README.md, eighth round).
                redis.SocketManager = SocketManager.ThreadPool;
            });
        builder.Services.AddSingleton<IExceptionMapper, RedisUnavailableMapper>();
        builder.Services.AddSingleton(services => new RedisConnection(services.GetRequiredService<IConnectionMultiplexer>));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisConnection>(services => services.GetRequiredService<RedisConnection>()));
        return builder;
    }
}
