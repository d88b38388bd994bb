using System.Globalization;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Governance;

/// <summary>
/// The errors of refused requests, as OpenAI's clients know them: 429 <c>rate_limit_exceeded</c> for a limit and
/// 429 <c>insufficient_quota</c> for a spent budget, each with <c>Retry-After</c> and a message that names the
/// limit; 403 for a model the key may not use.
/// </summary>
internal static class GovernanceRefusal
{
    public const string Model = "model";
    public const string RequestsPerMinute = "rpm";
    public const string TokensPerMinute = "tpm";
    public const string ConcurrentStreams = "concurrent_streams";
    public const string TokenBudget = "token_budget";
    public const string UsdBudget = "usd_budget";

    public static string ReasonOf(AdmissionScript.Refusal refusal) => refusal switch
    {
        AdmissionScript.Refusal.RequestsPerMinute => RequestsPerMinute,
        AdmissionScript.Refusal.TokensPerMinute => TokensPerMinute,
        AdmissionScript.Refusal.ConcurrentStreams => ConcurrentStreams,
        AdmissionScript.Refusal.TokenBudget => TokenBudget,
        _ => UsdBudget,
    };

    public static ApiError ModelNotAllowed(string keyId, string model) => new(StatusCodes.Status403Forbidden,
        $"The key {keyId} may not use the model `{model}`.", ErrorTypes.InvalidRequest, "model_not_allowed", "model");

    public static ApiError Error(string reason, string keyId, RateWindow window, long estimate, int? maxStreams, CallerBudget? budget, DateTimeOffset now)
    {
        var reset = TimeSpan.FromMilliseconds(Math.Max(1000, window.ResetInMilliseconds));
        var inReset = RateLimitHeaders.Duration(window.ResetInMilliseconds);
        return reason switch
        {
            RequestsPerMinute => RateLimited("requests",
                $"Rate limit reached for requests per minute (rpm) on key {keyId}: limit {window.RequestLimit}, used {window.Requests}. Please try again in {inReset}.", reset),
            TokensPerMinute => RateLimited("tokens", estimate > window.TokenLimit
                ? $"Request too large for tokens per minute (tpm) on key {keyId}: limit {window.TokenLimit}, requested {estimate}. Send a shorter prompt."
                : $"Rate limit reached for tokens per minute (tpm) on key {keyId}: limit {window.TokenLimit}, used {window.Tokens}, requested {estimate}. Please try again in {inReset}.", reset),
            ConcurrentStreams => RateLimited("requests",
                $"Rate limit reached for concurrent streams on key {keyId}: limit {maxStreams}. Please try again when one of its streams has finished.", TimeSpan.FromSeconds(1)),
            _ => OverBudget(reason, keyId, budget!, now),
        };
    }

    private static ApiError RateLimited(string type, string message, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message, type, "rate_limit_exceeded") { RetryAfter = retryAfter };

    private static ApiError OverBudget(string reason, string keyId, CallerBudget budget, DateTimeOffset now)
    {
        var today = now.UtcDateTime.Date;
        var (period, renewal) = budget.Period == BudgetPeriod.Month
            ? ("month", new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1))
            : ("day", today.AddDays(1));
        var spent = reason == TokenBudget
            ? $"its token budget for this {period} ({budget.Tokens} tokens)"
            : $"its cost budget for this {period} ({budget.Usd?.ToString("0.######", CultureInfo.InvariantCulture)} USD)";
        return new ApiError(StatusCodes.Status429TooManyRequests,
            $"You exceeded your current quota: key {keyId} has used {spent}. It renews at {renewal:yyyy-MM-dd'T'HH:mm:ss'Z'}.",
            "insufficient_quota", "insufficient_quota") { RetryAfter = renewal - now.UtcDateTime };
    }
}
