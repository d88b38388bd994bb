using System.Security.Claims;

namespace OpenChat.Api.Completions;

/// <summary>
/// Who called: the id of the gateway key (a digest prefix, safe to store and show) and whether the key is an
/// admin key. The key itself is never kept. Authentication puts these into the request's principal as
/// <see cref="GatewayClaims"/>; the features read them back from it.
/// </summary>
internal sealed record GatewayCaller(string KeyId, bool IsAdmin)
{
    /// <summary>The caller of an authenticated request.</summary>
    public static GatewayCaller From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(GatewayClaims.KeyId) ?? throw new InvalidOperationException("The request was not authenticated with a gateway key."),
            user.IsInRole(GatewayClaims.AdminRole));

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>(2) { new(GatewayClaims.KeyId, KeyId) };
        if (IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, GatewayClaims.AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, GatewayClaims.KeyId, ClaimTypes.Role));
    }
}
