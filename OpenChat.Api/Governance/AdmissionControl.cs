using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Redis;
using OpenChat.Api.Resilience;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// Admits or refuses a completion before it goes upstream: the model against the key's list in process, then
/// the budget, a stream slot and the rate window in one script, one round trip; a key whose only limit is its
/// concurrent streams takes a spare slot this replica holds for it when there is one, with no round trip, or waits
/// for the key's request already asking Redis for spares (<see cref="SpareStreamSlots.TakeAsync"/>), and its ended
/// streams' slots may be kept as such spares. While Redis cannot be reached it fails open (with a warning
/// once a minute and a metric) or closed (503), as configured.
/// </summary>
internal sealed class AdmissionControl(
    RedisConnection redis,
    GovernanceKeys keys,
    StreamLeases leases,
    SpareStreamSlots spares,
    GovernanceMetrics metrics,
    IOptions<GovernanceOptions> options,
    TimeProvider timeProvider,
    ILogger<AdmissionControl> logger) : ICompletionAdmission
{
    private const long WindowMilliseconds = 60_000;

    private static readonly ApiError s_limitsUnavailable = new(StatusCodes.Status503ServiceUnavailable,
        "The gateway cannot check this key's limits right now (Redis is unreachable). Try again shortly.",
        ErrorTypes.Server, "limits_unavailable") { RetryAfter = TimeSpan.FromSeconds(1) };

    private readonly GovernanceOptions _options = options.Value;
    private readonly IntervalGate _warning = new(TimeSpan.FromMinutes(1), timeProvider);

    public async ValueTask<CompletionAdmission> AdmitAsync(GatewayCaller caller, ChatRequest request, string upstreamModel, CancellationToken cancellationToken)
    {
        var policy = caller.Policy;
        if (!policy.Allows(request.Model, upstreamModel))
        {
            Count(GovernanceRefusal.Model);
            return new GovernanceAdmission(GovernanceRefusal.ModelNotAllowed(caller.KeyId, request.Model ?? upstreamModel), leases: null);
        }

        var rpm = policy.RequestsPerMinute ?? _options.DefaultRequestsPerMinute;
        var tpm = policy.TokensPerMinute ?? _options.DefaultTokensPerMinute;
        var maxStreams = request.Stream ? policy.MaxConcurrentStreams ?? _options.DefaultMaxConcurrentStreams : null;
        var budget = policy.Budget;
        var streams = keys.Streams(caller.KeyId);
        var streamsOnly = maxStreams is not null && rpm is null && tpm is null && budget is null;
        var take = streamsOnly ? await spares.TakeAsync(streams, maxStreams!.Value, cancellationToken) : default;
        if (take.Slot is { } spare)
        {
            metrics.SpareSlotsTaken.Add(1);
            return Admitted(new GovernanceAdmission(refusal: null, leases), streams, spare, spares);
        }

        var roomLeft = false;
        try
        {
            var estimate = tpm is { } tokenLimit ? PromptTokenEstimator.Estimate(request, tokenLimit) : 0;
            var now = timeProvider.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            var slot = maxStreams is null ? "" : Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));
            var day = GovernanceKeys.DayOf(now);

            RedisResult[] result;
            try
            {
                var database = await redis.GetConnectedDatabaseAsync(_options.RedisTimeout);
                result = (RedisResult[])(await database.ScriptEvaluateAsync(AdmissionScript.Source,
                    [
                        keys.Rate(caller.KeyId),
                        streams,
                        budget?.Period == BudgetPeriod.Month ? keys.MonthlySpend(caller.KeyId, now) : keys.DailySpend(caller.KeyId, now),
                        keys.Usage(caller.KeyId, day),
                        keys.UsageKeys(day),
                    ],
                    [
                        nowMs,
                        WindowMilliseconds,
                        rpm ?? -1,
                        tpm ?? -1,
                        estimate,
                        maxStreams ?? -1,
                        slot,
                        (long)_options.StreamLeaseTime.TotalMilliseconds,
                        budget?.Tokens ?? -1,
                        budget?.Usd is { } usd ? PriceTable.ToNanos(usd) : -1,
                        upstreamModel + ":refusals",
                        (long)_options.UsageRetention.TotalSeconds,
                        caller.KeyId,
                        take.SparesWanted,
                    ]).WaitAsync(_options.RedisTimeout, timeProvider, cancellationToken))!;
            }
            catch (Exception exception) when (exception is RedisException || RedisFailures.IsAway(exception, cancellationToken))
            {
                return Unchecked(exception);
            }

            var refusal = (AdmissionScript.Refusal)(int)result[0];
            var resetAt = (long)result[1];
            var window = new RateWindow(rpm, tpm, (long)result[2], (long)result[3], resetAt, resetAt - nowMs);
            if (refusal != AdmissionScript.Refusal.None)
            {
                var reason = GovernanceRefusal.ReasonOf(refusal);
                Count(reason);
                var error = GovernanceRefusal.Error(reason, caller.KeyId, window, estimate, maxStreams, budget, now);
                return new GovernanceAdmission(error, leases: null) { Window = window, EstimatedTokens = estimate };
            }

            if (streamsOnly)
            {
                roomLeft = spares.Granted(streams, take, slot, granted: (int)result[5], keySlots: (long)result[4], maxStreams!.Value);
            }

            var admission = new GovernanceAdmission(refusal: null, leases) { Window = window, EstimatedTokens = estimate };
            return maxStreams is null ? admission : Admitted(admission, streams, slot, streamsOnly ? spares : null);
        }
        finally
        {
            // However the script went (granted, refused, failed or cancelled), the requests waiting for its spares go on.
            spares.EndRefill(streams, take, roomLeft);
        }
    }

    private static GovernanceAdmission Admitted(GovernanceAdmission admission, RedisKey streams, string slot, SpareStreamSlots? keeper)
    {
        admission.HoldSlot(streams, slot, keeper);
        return admission;
    }

    private GovernanceAdmission Unchecked(Exception exception)
    {
        var failOpen = _options.RedisDownMode == RedisDownMode.FailOpen;
        metrics.RedisUnavailable.Add(1, new KeyValuePair<string, object?>(GovernanceMetrics.ModeAttribute, failOpen ? "fail_open" : "fail_closed"));
        if (_warning.TryEnter())
        {
            GovernanceLog.LimitsUnavailable(logger, failOpen ? "admitted without limits" : "refused with 503", _options.RedisDownMode, exception);
        }

        return failOpen ? GovernanceAdmission.Unchecked : new GovernanceAdmission(s_limitsUnavailable, leases: null);
    }

    private void Count(string reason) => metrics.Refusals.Add(1, new KeyValuePair<string, object?>(GovernanceMetrics.ReasonAttribute, reason));
}
