using OpenChat.Api.Errors;

namespace OpenChat.Api.Redis;

/// <summary>
/// Redis away, too slow or not serving yet (loading its data after a restart) is the store's outage, for the client a
/// 503 to retry shortly, not a 500.
/// </summary>
internal sealed class RedisUnavailableMapper : IExceptionMapper
{
    private static readonly ApiError s_unavailable = new(StatusCodes.Status503ServiceUnavailable,
        "The gateway's store (Redis) cannot be reached right now. Try again shortly.", ErrorTypes.Server, "store_unavailable")
    {
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    public ApiError? Map(Exception exception) => RedisFailures.IsOutage(exception) ? s_unavailable : null;
}
