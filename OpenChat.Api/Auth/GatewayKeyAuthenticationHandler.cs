using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Auth;

/// <summary>
/// Authenticates a request by the gateway key in <c>Authorization: Bearer</c> and turns it into a principal
/// (key id, admin role). The header never travels further: the upstream gets the provider key instead. A
/// refusal is answered in OpenAI's error shape: 401 without a valid key, 403 for a key the endpoint's policy
/// does not admit.
/// </summary>
internal sealed class GatewayKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewayKeyRing keyRing)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GatewayKey";

    private static readonly ApiError s_missingKey = ApiError.Unauthorized(
        "You didn't provide an API key. Send your gateway key in the Authorization header as 'Bearer <key>'.");

    private static readonly ApiError s_wrongKey = ApiError.Unauthorized(
        "Incorrect API key provided. Use a gateway key configured in OpenChat:ApiKeys.");

    private static readonly ApiError s_notAdmin = new(StatusCodes.Status403Forbidden,
        "This endpoint needs an admin key (OpenChat:AdminKeys).", ErrorTypes.InvalidRequest, "insufficient_permissions");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (header.Count != 1 || !TryGetBearer(header[0], out var presented))
        {
            return Task.FromResult(AuthenticateResult.Fail(s_missingKey.Message));
        }

        if (!keyRing.TryAuthenticate(presented, out var caller))
        {
            return Task.FromResult(AuthenticateResult.Fail(s_wrongKey.Message));
        }

        var principal = caller!.ToPrincipal(SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Response.WriteApiErrorAsync(result.Failure?.Message == s_wrongKey.Message ? s_wrongKey : s_missingKey);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Response.WriteApiErrorAsync(s_notAdmin);

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
