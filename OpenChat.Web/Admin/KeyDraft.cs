using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenChat.Web.Admin;

/// <summary>The key form's fields, and the body of <c>POST /admin/keys</c> or <c>PATCH /admin/keys/{id}</c> made from them.</summary>
public sealed class KeyDraft
{
    public string Name { get; set; } = "";

    /// <summary>Model names separated by commas; empty allows every model.</summary>
    public string Models { get; set; } = "";

    public long? Rpm { get; set; }

    public long? Tpm { get; set; }

    public int? MaxConcurrentStreams { get; set; }

    public long? BudgetTokens { get; set; }

    public decimal? BudgetUsd { get; set; }

    public string? BudgetPeriod { get; set; } = "month";

    /// <summary>The UTC day after which the key stops working; none for a key that does not expire.</summary>
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>A JSON object of strings, or empty.</summary>
    public string Metadata { get; set; } = "";

    internal static KeyDraft From(GatewayKey key) => new()
    {
        Name = key.Name ?? "",
        Models = string.Join(", ", key.Models ?? []),
        Rpm = key.Rpm,
        Tpm = key.Tpm,
        MaxConcurrentStreams = key.MaxConcurrentStreams,
        BudgetTokens = key.Budget?.Tokens,
        BudgetUsd = key.Budget?.Usd,
        BudgetPeriod = key.Budget?.Period ?? "month",
        ExpiresOn = key.ExpiresAt is { } seconds ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime) : null,
        Metadata = key.Metadata is { ValueKind: JsonValueKind.Object } metadata ? metadata.GetRawText() : "",
    };

    /// <summary>What is wrong with the fields, or null when they make a valid body.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "Give the key a name.";
        }

        if (Rpm < 1 || Tpm < 1 || MaxConcurrentStreams < 1 || BudgetTokens < 1 || BudgetUsd <= 0)
        {
            return "Limits and budgets are positive numbers, or empty for none.";
        }

        if (BudgetPeriod is not ("day" or "month"))
        {
            return "The budget period is day or month.";
        }

        if (Metadata.Length == 0)
        {
            return null;
        }

        return ParseMetadata() is { } metadata && metadata.All(pair => pair.Value?.GetValueKind() == JsonValueKind.String)
            ? null
            : "Metadata is a JSON object of strings, such as {\"team\":\"search\"}.";
    }

    /// <summary>
    /// The request body. For an update every field is sent, null clearing a limit; for a new key empty fields
    /// are left out.
    /// </summary>
    public JsonObject ToJson(bool forUpdate)
    {
        var budget = BudgetTokens is null && BudgetUsd is null
            ? null
            : new JsonObject { ["tokens"] = BudgetTokens, ["usd"] = BudgetUsd, ["period"] = BudgetPeriod };
        var models = Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = new JsonObject
        {
            ["name"] = Name.Trim(),
            ["models"] = models.Length == 0 ? null : new JsonArray([.. models.Select(model => JsonValue.Create(model))]),
            ["rpm"] = Rpm,
            ["tpm"] = Tpm,
            ["max_concurrent_streams"] = MaxConcurrentStreams,
            ["budget"] = budget,
            ["expires_at"] = ExpiresOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero).ToUnixTimeSeconds() : null,
            ["metadata"] = Metadata.Length > 0 ? ParseMetadata() : null,
        };
        if (!forUpdate)
        {
            foreach (var name in body.Where(property => property.Value is null).Select(property => property.Key).ToList())
            {
                body.Remove(name);
            }
        }

        return body;
    }

    public string ExpiresOnText
    {
        get => ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        set => ExpiresOn = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private JsonObject? ParseMetadata()
    {
        try
        {
            return JsonNode.Parse(Metadata) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
