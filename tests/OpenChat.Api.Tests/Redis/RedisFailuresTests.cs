using System.Net.Sockets;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Redis;

/// <summary>
/// Which failures of a Redis call mean Redis is away, so that the caller's fallback applies (fail open, retry,
/// keep the transcript queued) rather than the request failing. The chaos test found StackExchange.Redis 2.13
/// completing commands as cancelled when Redis was killed under load (a command still in flight when a torn-down
/// connection reports its failure a second time is completed without an exception, which the library turns into a
/// cancellation): the limits then answered 500, and the transcript writer's loop ended, holding every later
/// transcript in memory unwritten.
/// </summary>
public sealed class RedisFailuresTests
{
    private static readonly CancellationToken s_notCancelled = new(canceled: false);

    [Fact]
    public void A_cancellation_no_caller_asked_for_means_redis_is_unavailable()
    {
        Assert.True(RedisFailures.IsAway(new TaskCanceledException(), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new OperationCanceledException(), s_notCancelled));
    }

    [Fact]
    public void A_cancellation_the_caller_asked_for_is_the_callers_own()
    {
        Assert.False(RedisFailures.IsAway(new TaskCanceledException(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Lost_connections_timeouts_and_socket_errors_mean_redis_is_unavailable()
    {
        Assert.True(RedisFailures.IsAway(new RedisConnectionException(ConnectionFailureType.SocketFailure, "lost"), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new RedisTimeoutException("slow", CommandStatus.Sent), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new TimeoutException(), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new SocketException((int)SocketError.ConnectionRefused), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new IOException("reset"), s_notCancelled));
        Assert.True(RedisFailures.IsAway(new InvalidOperationException("The pipe was completed while writing"), s_notCancelled));
    }

    [Fact]
    public void An_error_redis_answered_with_is_not_unavailability()
    {
        Assert.False(RedisFailures.IsAway(new RedisServerException("ERR wrong number of arguments"), s_notCancelled));
    }
}
