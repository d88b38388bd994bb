using OpenChat.Testing;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>One running server of the given kind for a test class.</summary>
public abstract class RedisServerFixture<TServer>(RequiredProgram? program = null) : IAsyncLifetime
    where TServer : IRedisTestServer, new()
{
    private readonly TServer _server = new();

    /// <summary>The server; a test that asks for it is skipped (or fails under .ci/run) when its program is missing.</summary>
    public TServer Server
    {
        get
        {
            program?.Require();
            return _server;
        }
    }

    public ValueTask InitializeAsync() => program is null || program.IsInstalled ? new(_server.StartAsync()) : ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

public sealed class GarnetFixture : RedisServerFixture<GarnetTestServer>;

public sealed class RedisServerFixture() : RedisServerFixture<RedisServerTestServer>(RequiredProgram.RedisServer);
