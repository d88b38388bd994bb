using System.Globalization;

namespace OpenChat.Api.Governance;

/// <summary>
/// OpenAI's <c>x-ratelimit-*</c> headers: the limit, what is left of it, and when the window resets, as a
/// duration in OpenAI's form (<c>20ms</c>, <c>1.5s</c>, <c>6m0s</c>).
/// </summary>
internal static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    public static void Write(IHeaderDictionary headers, string limitName, string remainingName, string resetName, long limit, long used, long resetMilliseconds)
    {
        headers[limitName] = limit.ToString(CultureInfo.InvariantCulture);
        headers[remainingName] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        headers[resetName] = Duration(resetMilliseconds);
    }

    public static string Duration(long milliseconds)
    {
        milliseconds = Math.Max(0, milliseconds);
        if (milliseconds < 1000)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var minutes = milliseconds / 60_000;
        var seconds = (milliseconds % 60_000 / 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return minutes > 0 ? minutes.ToString(CultureInfo.InvariantCulture) + "m" + seconds : seconds;
    }
}
