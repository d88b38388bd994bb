using Microsoft.AspNetCore.Components.Authorization;
using OpenChat.Web.Gateway;

namespace OpenChat.Web.Sessions;

/// <summary>The gateway key of the signed-in user of this circuit (or request), looked up by its session id.</summary>
internal sealed class SessionKey(AuthenticationStateProvider authentication, SessionKeys keys)
{
    public async Task<string> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return keys.TryGetKey(SessionClaims.SessionIdOf(state.User), out var key)
            ? key
            : throw new GatewayException(GatewayError.SessionEnded);
    }
}
