using System.Net.Sockets;
using StackExchange.Redis;

namespace OpenChat.Api.Redis;

internal static class RedisFailures
{
    /// <summary>
    /// Redis is away or slow (worth waiting for), rather than present and refusing. A connection torn down in the
    /// middle of a write surfaces from the client library's pipes as an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static bool IsAway(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException or SocketException or IOException
            or ObjectDisposedException or InvalidOperationException;
}
