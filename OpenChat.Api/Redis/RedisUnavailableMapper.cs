using OpenChat.Api.Errors;
using StackExchange.Redis;

namespace OpenChat.Api.Redis;

/// <summary>Redis away or too slow is the store's outage, for the client a 503 to retry shortly, not a 500.</summary>
internal sealed class RedisUnavailableMapper : IExceptionMapper
{
    private static readonly ApiError s_unavailable = new(StatusCodes.Status503ServiceUnavailable,
        "The gateway's store (Redis) cannot be reached right now. Try again shortly.", ErrorTypes.Server, "store_unavailable")
    {
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    public ApiError? Map(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException ? s_unavailable : null;
}
