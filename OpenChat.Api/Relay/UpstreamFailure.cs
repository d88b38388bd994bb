using OpenChat.Api.Errors;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>Reads an upstream failure response into the error the client gets.</summary>
internal static class UpstreamFailure
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

        return FromBody(response, body.AsSpan(0, length), timeProvider);
    }

    public static ApiError FromBody(HttpResponseMessage response, ReadOnlySpan<byte> body, TimeProvider timeProvider) =>
        UpstreamErrorMapper.FromStatus(response.StatusCode, UpstreamErrorReader.TryRead(body), response.Headers.RetryAfter, timeProvider);
}
