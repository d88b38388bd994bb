using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// One request's admission: the refusal or grant, the rate-limit state it leaves behind for the headers, and
/// the stream slot it holds until the completion ends. The usage recorded afterwards corrects the tokens
/// counted in the window it was admitted in.
/// </summary>
internal sealed class GovernanceAdmission : CompletionAdmission
{
    /// <summary>Admitted without limits: Redis was unreachable and the mode is to fail open.</summary>
    public static readonly GovernanceAdmission Unchecked = new(null, null);

    private readonly StreamLeases? _leases;
    private RedisKey _slotSet;
    private string? _slot;
    private SpareStreamSlots? _keeper;

    public GovernanceAdmission(ApiError? refusal, StreamLeases? leases)
    {
        Refusal = refusal;
        _leases = leases;
    }

    public override ApiError? Refusal { get; }

    public RateWindow? Window { get; init; }

    /// <summary>The prompt tokens counted against the window at admission.</summary>
    public long EstimatedTokens { get; init; }

    /// <summary>Holds the stream's slot until it ends; then <paramref name="keeper"/>, if any, may keep it as a spare.</summary>
    public void HoldSlot(RedisKey set, string slot, SpareStreamSlots? keeper)
    {
        _slotSet = set;
        _slot = slot;
        _keeper = keeper;
        _leases?.Hold(set, slot);
    }

    public override void WriteHeaders(IHeaderDictionary headers)
    {
        if (Window is not { } window)
        {
            return;
        }

        if (window.RequestLimit is { } requestLimit)
        {
            RateLimitHeaders.Write(headers, RateLimitHeaders.LimitRequests, RateLimitHeaders.RemainingRequests, RateLimitHeaders.ResetRequests,
                requestLimit, window.Requests, window.ResetInMilliseconds);
        }

        if (window.TokenLimit is { } tokenLimit)
        {
            RateLimitHeaders.Write(headers, RateLimitHeaders.LimitTokens, RateLimitHeaders.RemainingTokens, RateLimitHeaders.ResetTokens,
                tokenLimit, window.Tokens, window.ResetInMilliseconds);
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _slot, null) is { } slot && _keeper?.TryKeep(_slotSet, slot) != true)
        {
            _leases?.Release(_slotSet, slot);
        }
    }
}

/// <summary>A key's one-minute window as the admission left it: its limits (null: none), what is used, when it resets.</summary>
internal readonly record struct RateWindow(long? RequestLimit, long? TokenLimit, long Requests, long Tokens, long ResetAt, long ResetInMilliseconds);
