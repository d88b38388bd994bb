using System.Text.Json.Serialization;

namespace OpenChat.Api.Auth;

/// <summary>A managed key as the admin API shows it; <see cref="Key"/>, the secret, only on creation and rotation.</summary>
internal sealed record ManagedKeyView(
    string Id,
    string Name,
    string? Owner,
    long CreatedAt,
    long? ExpiresAt,
    string Status,
    IReadOnlyList<string>? Models,
    long? Rpm,
    long? Tpm,
    int? MaxConcurrentStreams,
    ManagedKeyBudget? Budget,
    IReadOnlyDictionary<string, string> Metadata,
    string KeyHint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null)
{
    [JsonPropertyOrder(-1)]
    public string Object { get; } = "gateway.key";

    public static ManagedKeyView Of(ManagedKey key, string? secret = null) => new(
        key.Id, key.Name, key.Owner, key.CreatedAt, key.ExpiresAt, key.Status, key.Models, key.Rpm, key.Tpm,
        key.MaxConcurrentStreams, key.Budget, key.Metadata, "..." + key.Hint, secret);
}

/// <summary>A page of keys in OpenAI's list shape.</summary>
internal sealed record ManagedKeyList(IReadOnlyList<ManagedKeyView> Data, string? FirstId, string? LastId, bool HasMore)
{
    [JsonPropertyOrder(-1)]
    public string Object { get; } = "list";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ManagedKeyView))]
[JsonSerializable(typeof(ManagedKeyList))]
internal sealed partial class ManagedKeyApiJsonContext : JsonSerializerContext;
