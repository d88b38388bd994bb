using System.Collections.Frozen;
using System.Text.Json.Serialization;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Auth;

/// <summary>
/// A key created through the admin API, as Redis holds it: everything but the secret, which is kept only as
/// its SHA-256 <see cref="Digest"/>. Times are Unix seconds.
/// </summary>
internal sealed record ManagedKey
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Owner { get; init; }

    public required long CreatedAt { get; init; }

    public long? ExpiresAt { get; init; }

    public string Status { get; init; } = ManagedKeyStatus.Active;

    public IReadOnlyList<string>? Models { get; init; }

    public long? Rpm { get; init; }

    public long? Tpm { get; init; }

    public int? MaxConcurrentStreams { get; init; }

    public ManagedKeyBudget? Budget { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>The secret's SHA-256 digest in hex.</summary>
    public required string Digest { get; init; }

    /// <summary>The secret's last four characters, so an admin can tell keys apart.</summary>
    public required string Hint { get; init; }

    [JsonIgnore]
    public bool IsRevoked => Status == ManagedKeyStatus.Revoked;

    public bool HasExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && now.ToUnixTimeSeconds() >= expiresAt;

    /// <summary>The caller this key authenticates as.</summary>
    public GatewayCaller ToCaller() => new(Id, IsAdmin: false, Name, new CallerPolicy(
        Models?.ToFrozenSet(StringComparer.Ordinal),
        Rpm,
        Tpm,
        MaxConcurrentStreams,
        Budget is { } budget ? new CallerBudget(budget.Tokens, budget.Usd, budget.Period == ManagedKeyBudget.Month ? BudgetPeriod.Month : BudgetPeriod.Day) : null));
}

/// <summary>A budget as the admin API and Redis spell it.</summary>
internal sealed record ManagedKeyBudget(long? Tokens, decimal? Usd, string Period)
{
    public const string Day = "day";
    public const string Month = "month";
}

internal static class ManagedKeyStatus
{
    public const string Active = "active";
    public const string Revoked = "revoked";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManagedKey))]
internal sealed partial class ManagedKeyJsonContext : JsonSerializerContext;
