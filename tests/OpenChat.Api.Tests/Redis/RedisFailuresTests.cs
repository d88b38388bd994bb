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

    [Theory]
    [InlineData("ERR wrong number of arguments for 'hset' command")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value")]
    [InlineData("OOM command not allowed when used memory > 'maxmemory'.")]
    [InlineData("NOSCRIPT No matching script. Please use EVAL.")]
    [InlineData("ERR LOADING is not a prefix here")]
    public void An_error_redis_answered_with_is_a_refusal_not_an_outage(string error)
    {
        Assert.False(RedisFailures.IsAway(new RedisServerException(error), s_notCancelled));
        Assert.False(RedisFailures.IsOutage(new RedisServerException(error)));
    }

    [Theory]
    [InlineData("LOADING Redis is loading the dataset in memory")]
    [InlineData("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.")]
    [InlineData("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")]
    [InlineData("READONLY You can't write against a read only replica.")]
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot")]
    [InlineData("CLUSTERDOWN The cluster is down")]
    public void An_error_of_a_redis_not_serving_yet_is_an_outage_to_wait_out(string error)
    {
        Assert.True(RedisFailures.IsAway(new RedisServerException(error), s_notCancelled));
        Assert.True(RedisFailures.IsOutage(new RedisServerException(error)));
    }
}
