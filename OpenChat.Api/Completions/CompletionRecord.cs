using System.Diagnostics;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Completions;

/// <summary>
/// Everything one completion produced, filled in as it runs and handed to the <see cref="ICompletionSink"/>s
/// when it ends, however it ends: the raw material of transcripts and telemetry. Its owner disposes it after the
/// sinks have run, which returns the content's pooled array: a sink copies what it keeps.
/// </summary>
internal sealed class CompletionRecord : IDisposable
{
    public required string Id { get; init; }

    public required GatewayCaller Caller { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long StartTimestamp { get; init; }

    public required bool Stream { get; init; }

    public string? TraceId => TraceContext.TraceId == default ? null : TraceContext.TraceId.ToHexString();

    /// <summary>The request's trace, so work done for it later (the transcript write) joins the same trace.</summary>
    public ActivityContext TraceContext { get; init; }

    public string? RequestedModel { get; set; }

    public string? UpstreamModel { get; set; }

    public string? ResponseModel { get; set; }

    /// <summary>The configured name of the upstream that served the last round.</summary>
    public string? Upstream { get; set; }

    /// <summary>Every upstream call, failed ones included, in order.</summary>
    public List<UpstreamAttempt> Attempts { get; } = [];

    public string? ResponseId { get; set; }

    /// <summary>The request's <c>messages</c> as raw JSON.</summary>
    public ReadOnlyMemory<byte> RequestMessages { get; set; }

    /// <summary>The request's <c>tools</c> (or legacy <c>functions</c>) as raw JSON, if any.</summary>
    public ReadOnlyMemory<byte> RequestTools { get; set; }

    /// <summary>The assistant's content over every round, UTF-8, up to the gateway's cap.</summary>
    public required CappedByteBuffer Content { get; init; }

    public List<ToolCallRecord> ToolCalls { get; } = [];

    public TokenUsage? Usage { get; set; }

    /// <summary>What the caller was admitted with (limits, slot, estimate), when admission is on.</summary>
    public CompletionAdmission? Admission { get; set; }

    /// <summary>The completion's price in US dollars from the configured price table, once it is known.</summary>
    public decimal? CostUsd { get; set; }

    public string? FinishReason { get; set; }

    public int Rounds { get; set; }

    public TimeSpan? TimeToFirstToken { get; set; }

    public TimeSpan Duration { get; set; }

    public CompletionStatus Status { get; set; } = CompletionStatus.Running;

    public string? Error { get; set; }

    public void AddUsage(TokenUsage? usage)
    {
        if (usage is { } value)
        {
            Usage = Usage is { } sum ? sum + value : value;
        }
    }

    public void Dispose() => Content.Dispose();
}
