using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Redis;

/// <summary>How the Api's Redis client is set up, as the options it connects with say (nothing here connects).</summary>
public sealed class RedisClientOptionsTests
{
    [Fact]
    public void Replies_are_read_on_the_thread_pool_and_a_redis_away_at_start_does_not_fail_the_connection()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "127.0.0.1:1" });
        builder.AddRedisConnection();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<ConfigurationOptions>>().Get(Options.DefaultName);

        Assert.Same(SocketManager.ThreadPool, options.SocketManager);
        Assert.False(options.AbortOnConnectFail);
    }
}
