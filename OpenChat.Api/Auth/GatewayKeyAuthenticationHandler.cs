using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Auth;

/// <summary>
/// Authenticates a request by the gateway key in <c>Authorization: Bearer</c> and turns it into a principal
/// (key id, name, admin role, limits): a configured key first, then a managed key from Redis when those are on.
/// The header never travels further: the upstream gets the provider key instead. A refusal is answered in
/// OpenAI's error shape: 401 without a valid key, 503 when a managed key cannot be checked, 403 for a key
/// the endpoint's policy does not admit.
/// </summary>
internal sealed class GatewayKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewayKeyRing keyRing,
    GatewayPrincipals principals,
    ManagedKeyLookup? managedKeys = null)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GatewayKey";

    private static readonly ApiError s_missingKey = ApiError.Unauthorized(
        "You didn't provide an API key. Send your gateway key in the Authorization header as 'Bearer <key>'.");

    private static readonly ApiError s_wrongKey = ApiError.Unauthorized(
        "Incorrect API key provided. Use a gateway key configured in OpenChat:ApiKeys or created with POST /admin/keys.");

    private static readonly ApiError s_revokedKey = ApiError.Unauthorized("This API key has been revoked.");

    private static readonly ApiError s_expiredKey = ApiError.Unauthorized("This API key has expired.");

    private static readonly ApiError s_keysUnavailable = new(StatusCodes.Status503ServiceUnavailable,
        "The gateway cannot check this API key right now (its key store is unreachable). Try again shortly.",
        ErrorTypes.Server, "key_store_unavailable") { RetryAfter = TimeSpan.FromSeconds(1) };

    private static readonly ApiError s_notAdmin = new(StatusCodes.Status403Forbidden,
        "This endpoint needs an admin key (OpenChat:AdminKeys).", ErrorTypes.InvalidRequest, "insufficient_permissions");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (header.Count != 1 || !TryGetBearer(header[0], out var presented))
        {
            return Fail(s_missingKey);
        }

        var digest = KeyDigest.Of(presented);
        if (keyRing.TryAuthenticate(digest, out var caller))
        {
            return Success(caller!);
        }

        if (managedKeys is null)
        {
            return Fail(s_wrongKey);
        }

        var (standing, managed) = await managedKeys.FindAsync(digest);
        return standing switch
        {
            ManagedKeyStanding.Valid => Success(managed!),
            ManagedKeyStanding.Revoked => Fail(s_revokedKey),
            ManagedKeyStanding.Expired => Fail(s_expiredKey),
            ManagedKeyStanding.Unavailable => Fail(s_keysUnavailable),
            _ => Fail(s_wrongKey),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Response.WriteApiErrorAsync(result.Failure is ApiErrorException refused ? refused.Error : s_missingKey);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Response.WriteApiErrorAsync(s_notAdmin);

    private AuthenticateResult Success(Completions.GatewayCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(principals.For(caller), SchemeName));

    private static AuthenticateResult Fail(ApiError error) => AuthenticateResult.Fail(new ApiErrorException(error));

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
