using OpenChat.Api.Errors;

namespace OpenChat.Api.Auth;

/// <summary>
/// Lets a request through only with a valid gateway key in <c>Authorization: Bearer</c>, and records the caller
/// for the handlers. The header never travels further: the upstream gets the provider key instead.
/// </summary>
internal sealed class GatewayKeyFilter(GatewayKeyRing keyRing) : IEndpointFilter
{
    private static readonly ApiError s_missingKey = ApiError.Unauthorized(
        "You didn't provide an API key. Send your gateway key in the Authorization header as 'Bearer <key>'.");

    private static readonly ApiError s_wrongKey = ApiError.Unauthorized(
        "Incorrect API key provided. Use a gateway key configured in OpenChat:ApiKeys.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization;
        if (header.Count != 1 || !TryGetBearer(header[0], out var presented))
        {
            return new ApiErrorResult(s_missingKey);
        }

        if (!keyRing.TryAuthenticate(presented, out var caller))
        {
            return new ApiErrorResult(s_wrongKey);
        }

        http.Features.Set(caller);
        return await next(context);
    }

    private static bool TryGetBearer(string? header, out ReadOnlySpan<char> token)
    {
        const string Scheme = "Bearer ";
        token = default;
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header.AsSpan(Scheme.Length).Trim();
        return !token.IsEmpty;
    }
}
