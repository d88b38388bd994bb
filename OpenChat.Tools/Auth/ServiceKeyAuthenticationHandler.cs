using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenChat.Tools.Http;

namespace OpenChat.Tools.Auth;

/// <summary>
/// Authenticates the Api by the service key in <c>Authorization: Bearer</c>. Anyone else is challenged with 401
/// and an OpenAI-style error, the shape every other answer of the service has.
/// </summary>
internal sealed class ServiceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceKeyDigest serviceKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceKey";

    private const string BearerPrefix = "Bearer ";

    private static readonly ErrorResponse s_unauthorized = new(new ErrorDetail(
        "A valid service key is required. Send the key configured in OpenChat:Tools:ServiceKey as 'Authorization: Bearer <key>'.",
        "invalid_request_error",
        Param: null,
        "invalid_api_key"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!serviceKey.Matches(value[BearerPrefix.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The service key does not match."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(s_unauthorized, Context.RequestAborted);
    }
}
