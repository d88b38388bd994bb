namespace OpenChat.Testing;

/// <summary>A real Redis-protocol server on a loopback port that a test can stop and start again.</summary>
public interface IRedisTestServer : IAsyncDisposable
{
    string Name { get; }

    string ConnectionString { get; }

    Task StartAsync();

    Task StopAsync();
}
