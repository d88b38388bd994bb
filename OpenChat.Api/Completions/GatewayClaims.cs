namespace OpenChat.Api.Completions;

/// <summary>The claims a gateway key's principal carries.</summary>
internal static class GatewayClaims
{
    public const string KeyId = "openchat:key_id";

    public const string AdminRole = "admin";
}
