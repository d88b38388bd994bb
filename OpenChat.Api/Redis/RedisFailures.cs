using System.Net.Sockets;
using StackExchange.Redis;

namespace OpenChat.Api.Redis;

internal static class RedisFailures
{
    /// <summary>
    /// Errors of a Redis that is up but not serving yet, each over by itself: loading its data after a restart
    /// (for the whole load, which takes minutes for a large dataset), running a script past its time limit, a replica
    /// that lost its primary, one a failover left read-only for a client that has not seen the new primary yet, and
    /// a cluster moving or failing over slots.
    /// </summary>
    private static readonly string[] s_notServingYet = ["LOADING ", "BUSY ", "MASTERDOWN ", "READONLY ", "TRYAGAIN ", "CLUSTERDOWN "];

    /// <summary>
    /// Redis is away or slow (worth waiting for), rather than present and refusing. A connection torn down in the
    /// middle of a write surfaces from the client library's pipes as an <see cref="InvalidOperationException"/>.
    /// StackExchange.Redis completes a command it found no connection for, or one still in flight when a dying
    /// connection fails a second time, as cancelled: a cancellation the caller did not ask for is Redis being away
    /// too (found by the chaos test, where the limits answered 500 and the transcript writer's loop ended). A Redis
    /// that answers but is not serving yet (<see cref="s_notServingYet"/>) is away too: its refusal is not the
    /// command's fault, and giving the command up would lose what it writes.
    /// </summary>
    public static bool IsAway(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        TimeoutException or SocketException or IOException or ObjectDisposedException or InvalidOperationException => true,
        _ => IsOutage(exception),
    };

    /// <summary>
    /// What the client library raises only when Redis cannot serve: for the client, the store's outage. The general
    /// exceptions <see cref="IsAway"/> adds are Redis's only around a Redis call, so they are not mapped here.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => IsNotServingYet(server),
        _ => false,
    };

    private static bool IsNotServingYet(RedisServerException exception) =>
        Array.Exists(s_notServingYet, prefix => exception.Message.StartsWith(prefix, StringComparison.Ordinal));
}
