using System.Security.Claims;

namespace OpenChat.Api.Completions;

/// <summary>
/// Who called: the id of the gateway key (a digest prefix or the id of a managed key, safe to store and show),
/// its name, whether it is an admin key, and the limits it runs under. The key itself is never kept.
/// Authentication puts the caller into the request's principal (<see cref="GatewayIdentity"/>); the features
/// read it back from there.
/// </summary>
internal sealed record GatewayCaller(string KeyId, bool IsAdmin, string? Name = null, CallerPolicy? Policy = null)
{
    /// <summary>The limits that apply to this key; a null limit falls back to the deployment's default.</summary>
    public CallerPolicy Policy { get; init; } = Policy ?? CallerPolicy.Defaults;

    /// <summary>The caller of an authenticated request.</summary>
    public static GatewayCaller From(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity is GatewayIdentity gateway)
            {
                return gateway.Caller;
            }
        }

        return new(user.FindFirstValue(GatewayClaims.KeyId) ?? throw new InvalidOperationException("The request was not authenticated with a gateway key."),
            user.IsInRole(GatewayClaims.AdminRole));
    }

    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new GatewayIdentity(this, authenticationType));
}
