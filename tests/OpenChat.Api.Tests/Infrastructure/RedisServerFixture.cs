using OpenChat.Testing;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>One running server of the given kind for a test class.</summary>
public abstract class RedisServerFixture<TServer> : IAsyncLifetime
    where TServer : IRedisTestServer, new()
{
    public TServer Server { get; } = new();

    public ValueTask InitializeAsync() => new(Server.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class GarnetFixture : RedisServerFixture<GarnetTestServer>;

public sealed class RedisServerFixture : RedisServerFixture<RedisServerTestServer>;
