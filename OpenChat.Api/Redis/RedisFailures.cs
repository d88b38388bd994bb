using System.Net.Sockets;
using StackExchange.Redis;

namespace OpenChat.Api.Redis;

internal static class RedisFailures
{
    /// <summary>
    /// Redis is away or slow (worth waiting for), rather than present and refusing. A connection torn down in the
    /// middle of a write surfaces from the client library's pipes as an <see cref="InvalidOperationException"/>.
    /// StackExchange.Redis completes a command it found no connection for, or one still in flight when a dying
    /// connection fails a second time, as cancelled: a cancellation the caller did not ask for is Redis being away
    /// too (found by the chaos test, where the limits answered 500 and the transcript writer's loop ended).
    /// </summary>
    public static bool IsAway(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        RedisConnectionException or RedisTimeoutException or TimeoutException or SocketException or IOException
            or ObjectDisposedException or InvalidOperationException => true,
        _ => false,
    };
}
