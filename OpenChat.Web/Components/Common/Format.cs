using System.Globalization;

namespace OpenChat.Web.Components.Common;

/// <summary>How the console writes numbers and times: invariant, short, the same on every page.</summary>
internal static class Format
{
    public static string Milliseconds(double? value) => value switch
    {
        null => "–",
        >= 10_000 => (value.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => value.Value.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "–";

    public static string Usd(decimal value) => "$" + value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string UnixDay(long? seconds) =>
        seconds is { } value ? Day(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(value).UtcDateTime)) : "never";
}
