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

    /// <summary>
    /// The database for a request that cannot wait long: null when Redis is not connected right now, or when the
    /// first connection is not made within <paramref name="wait"/>. Nothing waits for a reconnection.
    /// </summary>
    public async ValueTask<IDatabase?> TryGetConnectedDatabaseAsync(TimeSpan wait)
    {
        var connecting = _connection.Value;
        if (!connecting.IsCompleted)
        {
            try
            {
                await connecting.WaitAsync(wait);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        var connection = await connecting;
        return connection.IsConnected ? connection.GetDatabase() : null;
    }

    /// <summary>
    /// As <see cref="TryGetConnectedDatabaseAsync"/>, for callers whose fallback catches Redis's own failures: a
    /// connection that is not there is a <see cref="RedisConnectionException"/> like any other.
    /// </summary>
    public async ValueTask<IDatabase> GetConnectedDatabaseAsync(TimeSpan wait) =>
        await TryGetConnectedDatabaseAsync(wait) ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _connection.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
