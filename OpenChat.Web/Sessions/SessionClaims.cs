using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace OpenChat.Web.Sessions;

/// <summary>What a signed-in browser's principal says: its session id, its key id (for display) and whether it is an admin.</summary>
internal static class SessionClaims
{
    public const string SessionId = "openchat:session";

    public const string AdminRole = "admin";

    public static ClaimsPrincipal Create(string sessionId, string key, bool isAdmin)
    {
        List<Claim> claims =
        [
            new(SessionId, sessionId),
            new(ClaimTypes.Name, KeyId(key)),
        ];
        if (isAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SessionAuthentication.Scheme));
    }

    public static string? SessionIdOf(ClaimsPrincipal user) => user.FindFirst(SessionId)?.Value;

    /// <summary>The id the Api gives a key in transcripts: <c>key_</c> and 12 hex digits of its SHA-256 digest.</summary>
    public static string KeyId(string key) =>
        "key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
}
