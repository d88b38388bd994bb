using System.Net;
using System.Net.Http.Headers;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// What the client gets when an upstream fails: the upstream's status and message (its failure body read,
/// bounded), except that an upstream refusing the gateway's own provider key is the gateway's problem (502), not
/// the client's; and which failures another attempt may cure.
/// </summary>
internal static class UpstreamErrors
{
    /// <summary>Error bodies are small; a larger one is cut, never held whole.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// Reads a failure response's body (bounded) into the error the client sees; <paramref name="apiKeySetting"/>,
    /// the configuration key of the upstream's provider key, is named when the upstream refused it.
    /// </summary>
    public static async Task<ApiError> ReadAsync(HttpResponseMessage response, string apiKeySetting, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = new byte[MaxErrorBodyBytes];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        int read;
        while (length < body.Length && (read = await stream.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return FromResponse(response, body.AsSpan(0, length), apiKeySetting, timeProvider);
    }

    public static ApiError FromResponse(HttpResponseMessage response, ReadOnlySpan<byte> body, string apiKeySetting, TimeProvider timeProvider)
    {
        var status = response.StatusCode;
        if (IsKeyRejected(status))
        {
            return ApiError.BadGateway(
                $"The upstream model server refused the gateway's provider credentials. Check {apiKeySetting}.", "upstream_auth_failed");
        }

        var error = OpenAiErrorReader.TryRead(body);
        var message = string.IsNullOrWhiteSpace(error?.Message)
            ? $"The upstream model server answered {(int)status} {status}."
            : error.Message;
        var type = error?.Type ?? ((int)status >= 500 ? ErrorTypes.Upstream : ErrorTypes.InvalidRequest);
        return new ApiError((int)status, message, type, error?.Code, error?.Param)
        {
            RetryAfter = RetryAfterOf(response.Headers.RetryAfter, timeProvider),
        };
    }

    /// <summary>Statuses another attempt may cure, at another upstream or later at the same one.</summary>
    public static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The upstream refused the gateway's key: no other request to it will fare better.</summary>
    public static bool IsKeyRejected(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider) =>
        retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
}
