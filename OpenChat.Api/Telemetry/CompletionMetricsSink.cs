using OpenChat.Api.Completions;

namespace OpenChat.Api.Telemetry;

/// <summary>Counts completions by status and records the time to first token the client saw.</summary>
internal sealed class CompletionMetricsSink(GenAiMetrics metrics) : ICompletionSink
{
    public void OnCompleted(CompletionRecord record)
    {
        var status = new KeyValuePair<string, object?>(GenAiAttributes.CompletionStatus, record.Status.ToWireName());
        metrics.Completions.Add(1, status);
        if (record.TimeToFirstToken is { } ttft)
        {
            metrics.TimeToFirstToken.Record(ttft.TotalSeconds, new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, record.UpstreamModel));
        }
    }
}
