using System.Globalization;
using System.Text.Json;

namespace OpenChat.Web.Admin;

/// <summary>
/// Reads the answer of <c>/v1/usage</c> and <c>/admin/usage</c> into rows. The Api's exact shape is still being
/// settled, so this is the one place that knows it: a list (<c>data</c>, or a bare array) of rows with a day, a
/// model, a key id and the counts, under the names the governance work uses or their close variants.
/// </summary>
internal static class UsageJson
{
    public static IReadOnlyList<UsageRow> Read(JsonElement root)
    {
        var rows = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data
            : default;
        if (rows.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. rows.EnumerateArray().Where(row => row.ValueKind == JsonValueKind.Object).Select(ReadRow)];
    }

    private static UsageRow ReadRow(JsonElement row) => new(
        Day(row, "day", "date", "start"),
        Text(row, "key_id", "key"),
        Text(row, "model") ?? "",
        Number(row, "requests", "request_count"),
        Number(row, "input_tokens", "prompt_tokens"),
        Number(row, "output_tokens", "completion_tokens"),
        Money(row, "cost_usd", "cost", "usd"),
        Number(row, "refusals", "refused", "rejections"));

    private static JsonElement? Find(JsonElement row, string[] names)
    {
        foreach (var name in names)
        {
            if (row.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement row, params string[] names) =>
        Find(row, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long Number(JsonElement row, params string[] names) =>
        Find(row, names) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : 0;

    private static decimal Money(JsonElement row, params string[] names) => Find(row, names) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var amount) => amount,
        { ValueKind: JsonValueKind.String } value when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) => amount,
        _ => 0,
    };

    private static DateOnly Day(JsonElement row, params string[] names) => Find(row, names) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var seconds) =>
            DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime),
        { ValueKind: JsonValueKind.String } value when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) =>
            DateOnly.FromDateTime(time.UtcDateTime),
        _ => DateOnly.MinValue,
    };
}
