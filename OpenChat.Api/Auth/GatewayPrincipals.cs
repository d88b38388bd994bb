using System.Runtime.CompilerServices;
using System.Security.Claims;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Auth;

/// <summary>
/// One principal per gateway caller, built on the caller's first request and shared by every request after it.
/// A caller never changes (a managed key read again from Redis is a new caller, with a principal of its own) and
/// the principal is only read: no claims transformation is registered, and the default one returns it as it is.
/// Built per request, it was 576 of the 3,832 bytes a request's authentication allocated (bench/README.md,
/// nineteenth round).
/// </summary>
internal sealed class GatewayPrincipals
{
    // Keyed by the caller's identity, not its value, and let go of with it: a managed key's caller lives only as
    // long as the key cache keeps it.
    private readonly ConditionalWeakTable<GatewayCaller, ClaimsPrincipal> _principals = [];

    public ClaimsPrincipal For(GatewayCaller caller) =>
        _principals.GetValue(caller, static caller => caller.ToPrincipal(GatewayKeyAuthenticationHandler.SchemeName));
}
