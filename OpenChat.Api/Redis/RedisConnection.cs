using StackExchange.Redis;

namespace OpenChat.Api.Redis;

/// <summary>
/// The one connection to Redis, opened in the background: the client library connects synchronously (for as
/// long as its connect timeout when Redis is down), so nothing on the start-up path or a request's path
/// resolves it directly. Start-up begins connecting and goes on; users await the connection when they need it,
/// and the library reconnects by itself whenever Redis comes back.
/// </summary>
internal sealed class RedisConnection(Func<IConnectionMultiplexer> connect) : IHostedService
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => Task.Run(connect), LazyThreadSafetyMode.ExecutionAndPublication);

    public async Task<IDatabase> GetDatabaseAsync() => (await _connection.Value).GetDatabase();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _connection.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
