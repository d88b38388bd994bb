namespace OpenChat.Api.Auth;

/// <summary>
/// Who called: the id of the gateway key (a digest prefix, safe to store and show) and whether the key is an
/// admin key. The key itself is never kept.
/// </summary>
public sealed record GatewayCaller(string KeyId, bool IsAdmin);
