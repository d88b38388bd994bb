using System.Text.Json.Serialization;

namespace OpenChat.Api.Governance;

/// <summary>What one key spent on one model on one UTC day.</summary>
internal sealed record UsageRow(string KeyId, string Date, string Model, long Requests, long InputTokens, long OutputTokens, decimal CostUsd, long Refusals)
{
    [JsonPropertyOrder(-1)]
    public string Object { get; } = "usage.daily";
}

/// <summary>Usage in OpenAI's list shape; the whole range is always in one answer.</summary>
internal sealed record UsageList(string StartDate, string EndDate, IReadOnlyList<UsageRow> Data)
{
    [JsonPropertyOrder(-1)]
    public string Object { get; } = "list";

    public bool HasMore { get; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UsageList))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
