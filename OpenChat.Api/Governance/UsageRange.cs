using System.Globalization;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Governance;

/// <summary>
/// The UTC days a usage query covers, from <c>start</c> through <c>end</c>, each given as Unix seconds or as a
/// date (<c>2025-06-01</c>); both days count whole. Without <c>end</c> the range ends today, without
/// <c>start</c> it is one day long.
/// </summary>
internal readonly record struct UsageRange(DateOnly First, DateOnly Last)
{
    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }

    public static UsageRange Parse(string? start, string? end, DateTimeOffset now, int maxDays)
    {
        var last = end is null ? DateOnly.FromDateTime(now.UtcDateTime) : Day(end, "end");
        var first = start is null ? last : Day(start, "start");
        if (last < first)
        {
            throw Invalid("end must not come before start.", "end");
        }

        return last.DayNumber - first.DayNumber + 1 > maxDays
            ? throw Invalid($"A usage query covers at most {maxDays} days; narrow start and end.", "start")
            : new UsageRange(first, last);
    }

    private static DateOnly Day(string value, string param)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime)
                : throw Invalid($"{param} is too far in the future.", param);
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Invalid($"{param} must be Unix seconds or a date such as 2025-06-01.", param);
    }

    private static ApiErrorException Invalid(string message, string param) => new(ApiError.InvalidValue(message, param));
}
