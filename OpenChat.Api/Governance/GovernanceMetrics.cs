using System.Diagnostics.Metrics;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Governance;

/// <summary>Refusals by reason, Redis outages seen by the limits, and usage by model; never by key, whose number is unbounded.</summary>
internal sealed class GovernanceMetrics
{
    public const string ReasonAttribute = "openchat.governance.reason";
    public const string ModeAttribute = "openchat.governance.redis_down_mode";

    public GovernanceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenChatTelemetry.Name);
        Refusals = meter.CreateCounter<long>("openchat.governance.refusals", "{request}", "Requests refused by a limit, budget or model rule, by openchat.governance.reason.");
        RedisUnavailable = meter.CreateCounter<long>("openchat.governance.redis_unavailable", "{request}", "Requests whose limits could not be checked because Redis was unreachable, by the mode that decided them.");
        UsageTokens = meter.CreateCounter<long>("openchat.usage.tokens", "{token}", "Tokens used, by gen_ai.request.model and gen_ai.token.type.");
        UsageCost = meter.CreateCounter<double>("openchat.usage.cost", "USD", "Cost of completions from the price table, by gen_ai.request.model.");
        SlotsReleased = meter.CreateCounter<long>("openchat.governance.stream_slots.released", "{slot}", "Stream slots given back in Redis when their stream ended.");
        SpareSlotsTaken = meter.CreateCounter<long>("openchat.governance.stream_slots.spares_taken", "{slot}",
            "Streams admitted on a spare slot the replica held for their key, without a round trip to Redis.");
        RefillWaits = meter.CreateCounter<long>("openchat.governance.stream_slots.refill_waits", "{wait}",
            "Times a stream waited for another stream of its key to bring spare slots from Redis, instead of asking Redis itself.");
        SlotsKept = meter.CreateCounter<long>("openchat.governance.stream_slots.kept", "{slot}",
            "Slots of ended streams the replica kept as spares for their key's next streams instead of giving them back.");
        UsageRecorded = meter.CreateCounter<long>("openchat.usage.recorded", "{completion}", "Completions whose usage is stored in Redis.");
        UsageWriteFailures = meter.CreateCounter<long>("openchat.usage.write.failures", "{batch}", "Usage writes that failed and will be retried.");
        UsageDropped = meter.CreateCounter<long>("openchat.usage.dropped", "{completion}", "Usage records given up: the queue was full, or Redis refused them.");
    }

    public Counter<long> Refusals { get; }

    public Counter<long> RedisUnavailable { get; }

    public Counter<long> UsageTokens { get; }

    public Counter<double> UsageCost { get; }

    public Counter<long> SlotsReleased { get; }

    public Counter<long> SpareSlotsTaken { get; }

    public Counter<long> RefillWaits { get; }

    public Counter<long> SlotsKept { get; }

    public Counter<long> UsageRecorded { get; }

    public Counter<long> UsageWriteFailures { get; }

    public Counter<long> UsageDropped { get; }
}
