using System.Diagnostics.Metrics;

namespace OpenChat.Api.Telemetry;

/// <summary>The Api's instruments: the GenAI client metrics and OpenChat's own.</summary>
internal sealed class GenAiMetrics
{
    public GenAiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenChatTelemetry.Name);

        // Bucket boundaries as the GenAI semantic conventions advise.
        TokenUsage = meter.CreateHistogram<long>(
            "gen_ai.client.token.usage", "{token}", "Tokens used per upstream call, by gen_ai.token.type.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });
        OperationDuration = meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration", "s", "Duration of each upstream chat call, to its last byte.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });
        TimeToFirstToken = meter.CreateHistogram<double>(
            "openchat.completion.time_to_first_token", "s", "Time from a request's arrival to the first content the client received.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] });
        ActiveStreams = meter.CreateUpDownCounter<long>(
            "openchat.completion.active_streams", "{stream}", "Streaming completions in progress.");
        Completions = meter.CreateCounter<long>(
            "openchat.completions", "{completion}", "Completions served, by openchat.completion.status.");
        ToolCallDuration = meter.CreateHistogram<double>(
            "openchat.tool.call.duration", "s", "Duration of server tool calls, by gen_ai.tool.name and outcome.");
        LimitsExceeded = meter.CreateCounter<long>(
            "openchat.limits.exceeded", "{event}", "Requests, streams, tool calls and transcripts that met one of the gateway's limits, by openchat.limit.");
        ToolCallErrors = meter.CreateCounter<long>(
            "openchat.tool.call.errors", "{call}", "Server tool calls that did not succeed, by gen_ai.tool.name and outcome.");
    }

    public Histogram<long> TokenUsage { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<double> TimeToFirstToken { get; }

    public UpDownCounter<long> ActiveStreams { get; }

    public Counter<long> Completions { get; }

    public Histogram<double> ToolCallDuration { get; }

    public Counter<long> ToolCallErrors { get; }

    public Counter<long> LimitsExceeded { get; }

    /// <summary>Counts one meeting with the limit named by one of <see cref="Limits"/>.</summary>
    public void LimitExceeded(string limit) => LimitsExceeded.Add(1, new KeyValuePair<string, object?>(GenAiAttributes.Limit, limit));
}
