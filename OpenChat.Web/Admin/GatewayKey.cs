using System.Text.Json;

namespace OpenChat.Web.Admin;

/// <summary>
/// A gateway key as <c>/admin/keys</c> describes it. <see cref="Key"/> (the secret) is present only in the
/// answers to create and rotate. Times the contract leaves open are read as Unix seconds or ISO 8601.
/// </summary>
internal sealed record GatewayKey(
    string Id,
    string? Name,
    IReadOnlyList<string>? Models,
    long? Rpm,
    long? Tpm,
    int? MaxConcurrentStreams,
    KeyBudget? Budget,
    long? ExpiresAt,
    JsonElement? Metadata,
    JsonElement? CreatedAt,
    JsonElement? RevokedAt,
    string? Status,
    string? Key)
{
    /// <summary>What the key's state is called: the Api's status, or what its other fields say.</summary>
    public string State => Status ?? (IsRevoked ? "revoked" : "active");

    public bool IsRevoked =>
        RevokedAt is { ValueKind: not JsonValueKind.Null and not JsonValueKind.False }
        || string.Equals(Status, "revoked", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A key's budget: tokens and/or US dollars per day or month.</summary>
internal sealed record KeyBudget(long? Tokens, decimal? Usd, string? Period);

/// <summary>A page of keys in OpenAI's list shape.</summary>
internal sealed record KeyList(IReadOnlyList<GatewayKey> Data, bool HasMore);
