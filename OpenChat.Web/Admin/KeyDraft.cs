using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenChat.Web.Admin;

/// <summary>
/// The key form's fields, as typed, and the body of <c>POST /admin/keys</c> or <c>PATCH /admin/keys/{id}</c> made
/// from them. Numbers are kept as text: FluentUI's number input loads its mask library from a CDN, which the
/// console must not depend on.
/// </summary>
public sealed class KeyDraft
{
    public string Name { get; set; } = "";

    /// <summary>Model names separated by commas; empty allows every model.</summary>
    public string Models { get; set; } = "";

    public string Rpm { get; set; } = "";

    public string Tpm { get; set; } = "";

    public string MaxConcurrentStreams { get; set; } = "";

    public string BudgetTokens { get; set; } = "";

    public string BudgetUsd { get; set; } = "";

    public string? BudgetPeriod { get; set; } = "month";

    /// <summary>The last UTC day the key works (<c>yyyy-MM-dd</c>); empty for a key that does not expire.</summary>
    public string ExpiresOn { get; set; } = "";

    /// <summary>A JSON object of strings, or empty.</summary>
    public string Metadata { get; set; } = "";

    internal static KeyDraft From(GatewayKey key) => new()
    {
        Name = key.Name ?? "",
        Models = string.Join(", ", key.Models ?? []),
        Rpm = Text(key.Rpm),
        Tpm = Text(key.Tpm),
        MaxConcurrentStreams = Text(key.MaxConcurrentStreams),
        BudgetTokens = Text(key.Budget?.Tokens),
        BudgetUsd = key.Budget?.Usd?.ToString(CultureInfo.InvariantCulture) ?? "",
        BudgetPeriod = key.Budget?.Period ?? "month",
        ExpiresOn = key.ExpiresAt is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "",
        Metadata = key.Metadata is { ValueKind: JsonValueKind.Object } metadata ? metadata.GetRawText() : "",
    };

    /// <summary>What is wrong with the fields, or null when they make a valid body.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "Give the key a name.";
        }

        if (new[] { Rpm, Tpm, MaxConcurrentStreams, BudgetTokens }.Any(text => text.Trim().Length > 0 && WholeNumber(text) is null)
            || BudgetUsd.Trim().Length > 0 && Dollars(BudgetUsd) is null)
        {
            return "Limits and budgets are positive numbers, or empty for none.";
        }

        if (BudgetPeriod is not ("day" or "month"))
        {
            return "The budget period is day or month.";
        }

        if (ExpiresOn.Trim().Length > 0 && Day(ExpiresOn) is null)
        {
            return "The expiry is a date such as 2030-01-31, or empty for none.";
        }

        if (Metadata.Trim().Length == 0)
        {
            return null;
        }

        return ParseMetadata() is { } metadata && metadata.All(pair => pair.Value?.GetValueKind() == JsonValueKind.String)
            ? null
            : "Metadata is a JSON object of strings, such as {\"team\":\"search\"}.";
    }

    /// <summary>
    /// The request body. For an update every field is sent, null clearing a limit; for a new key empty fields
    /// are left out. Call it only when <see cref="Problem"/> found nothing.
    /// </summary>
    public JsonObject ToJson(bool forUpdate)
    {
        var tokens = WholeNumber(BudgetTokens);
        var usd = Dollars(BudgetUsd);
        var models = Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = new JsonObject
        {
            ["name"] = Name.Trim(),
            ["models"] = models.Length == 0 ? null : new JsonArray([.. models.Select(model => JsonValue.Create(model))]),
            ["rpm"] = WholeNumber(Rpm),
            ["tpm"] = WholeNumber(Tpm),
            ["max_concurrent_streams"] = WholeNumber(MaxConcurrentStreams),
            ["budget"] = tokens is null && usd is null ? null : new JsonObject { ["tokens"] = tokens, ["usd"] = usd, ["period"] = BudgetPeriod },
            ["expires_at"] = Day(ExpiresOn) is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero).ToUnixTimeSeconds() : null,
            ["metadata"] = Metadata.Trim().Length > 0 ? ParseMetadata() : null,
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

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static long? WholeNumber(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : null;

    private static decimal? Dollars(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 ? amount : null;

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

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
