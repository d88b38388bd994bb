using System.Net;
using System.Net.Http.Headers;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// What the client gets when the upstream fails: the upstream's status and message (its failure body read,
/// bounded), except that the upstream refusing the gateway's own provider key is the gateway's problem (502), not
/// the client's; and the error for a stream the upstream ended with an error event.
/// </summary>
internal static class UpstreamErrors
{
    /// <summary>Error bodies are small; a larger one is cut, never held whole.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<ApiError> ReadAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = new byte[MaxErrorBodyBytes];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        int read;
        while (length < body.Length && (read = await stream.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return FromResponse(response, body.AsSpan(0, length), timeProvider);
    }

    public static ApiError FromResponse(HttpResponseMessage response, ReadOnlySpan<byte> body, TimeProvider timeProvider) =>
        FromStatus(response.StatusCode, OpenAiErrorReader.TryRead(body), response.Headers.RetryAfter, timeProvider);

    public static ApiError FromStatus(HttpStatusCode status, OpenAiErrorBody? body, RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider)
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

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider) =>
        retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
}
