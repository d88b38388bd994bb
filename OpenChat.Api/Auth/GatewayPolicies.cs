namespace OpenChat.Api.Auth;

/// <summary>The authorization policies endpoints name in <c>RequireAuthorization</c>.</summary>
internal static class GatewayPolicies
{
    /// <summary>Any valid gateway key (the default policy).</summary>
    public const string Gateway = "gateway";

    /// <summary>Admin keys only.</summary>
    public const string Admin = "admin";
}
