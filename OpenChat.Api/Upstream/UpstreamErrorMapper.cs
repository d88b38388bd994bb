using System.Net;
using System.Net.Http.Headers;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Turns an upstream failure into the error the client gets: the upstream's status and message, except that
/// the upstream refusing the gateway's own provider key is the gateway's problem (502), not the client's.
/// </summary>
public static class UpstreamErrorMapper
{
    public static ApiError FromStatus(HttpStatusCode status, UpstreamErrorBody? body, RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return ApiError.BadGateway(
                "The upstream model server refused the gateway's provider credentials. Check OpenChat:Upstream:ApiKey.",
                "upstream_auth_failed");
        }

        var message = string.IsNullOrWhiteSpace(body?.Message)
            ? $"The upstream model server answered {(int)status} {status}."
            : body.Message;
        var type = body?.Type ?? ((int)status >= 500 ? ErrorTypes.Upstream : ErrorTypes.InvalidRequest);
        return new ApiError((int)status, message, type, body?.Code, body?.Param)
        {
            RetryAfter = RetryAfterOf(retryAfter, timeProvider),
        };
    }

    /// <summary>The error for a stream the upstream reported failing with an error event.</summary>
    public static ApiError FromStreamError(UpstreamErrorBody body) =>
        new(StatusCodes.Status502BadGateway, body.Message ?? "The upstream model server reported an error mid-stream.",
            body.Type ?? ErrorTypes.Upstream, body.Code, body.Param);

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider) =>
        retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
}
