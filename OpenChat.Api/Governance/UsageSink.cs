using OpenChat.Api.Completions;

namespace OpenChat.Api.Governance;

/// <summary>
/// Prices each finished completion (its transcript shows the cost) and queues its usage for the writer; the
/// request thread never waits on Redis. Only completions that were admitted count: a refusal is counted by
/// the admission itself.
/// </summary>
internal sealed class UsageSink(PriceTable prices, UsageQueue queue, GovernanceMetrics metrics) : ICompletionSink
{
    public void OnCompleted(CompletionRecord record)
    {
        var model = record.UpstreamModel ?? record.RequestedModel ?? "unknown";
        var input = record.Usage?.PromptTokens ?? 0;
        var output = record.Usage?.CompletionTokens ?? 0;
        var cost = prices.CostOf(record.UpstreamModel, record.RequestedModel, input, output);
        record.CostUsd = record.Usage is null ? null : cost;

        var modelTag = new KeyValuePair<string, object?>(Telemetry.GenAiAttributes.RequestModel, model);
        metrics.UsageTokens.Add(input, modelTag, new(Telemetry.GenAiAttributes.TokenType, "input"));
        metrics.UsageTokens.Add(output, modelTag, new(Telemetry.GenAiAttributes.TokenType, "output"));
        if (cost is { } usd)
        {
            metrics.UsageCost.Add((double)usd, modelTag);
        }

        // The estimate stays counted when the upstream reported nothing: it may well have spent the prompt.
        var admission = record.Admission as GovernanceAdmission;
        var correction = record.Usage is { } usage && admission is not null ? usage.PromptTokens + usage.CompletionTokens - admission.EstimatedTokens : 0;
        queue.Enqueue(new UsageEntry(record.Id, record.Caller.KeyId, record.CreatedAt, model, input, output,
            cost is { } spent ? PriceTable.ToNanos(spent) : 0, admission?.Window?.ResetAt ?? 0, correction));
    }
}
