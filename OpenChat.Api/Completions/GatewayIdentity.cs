using System.Security.Claims;

namespace OpenChat.Api.Completions;

/// <summary>
/// A gateway key's identity: the usual claims (key id, admin role) for anything that reads claims, and the
/// <see cref="GatewayCaller"/> itself, so the features get the caller's policy without parsing it back.
/// </summary>
internal sealed class GatewayIdentity : ClaimsIdentity
{
    public GatewayIdentity(GatewayCaller caller, string authenticationType)
        : base(ClaimsOf(caller), authenticationType, GatewayClaims.KeyId, ClaimTypes.Role)
    {
        Caller = caller;
    }

    public GatewayCaller Caller { get; }

    private static List<Claim> ClaimsOf(GatewayCaller caller)
    {
        var claims = new List<Claim>(2) { new(GatewayClaims.KeyId, caller.KeyId) };
        if (caller.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, GatewayClaims.AdminRole));
        }

        return claims;
    }
}
