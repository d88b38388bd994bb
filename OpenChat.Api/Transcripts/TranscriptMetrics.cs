using System.Diagnostics.Metrics;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Transcripts;

/// <summary>How the writer keeps up: how long writes take, what was stored, what failed and will be retried.</summary>
internal sealed class TranscriptMetrics
{
    public TranscriptMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(OpenChatTelemetry.Name);
        WriteDuration = meter.CreateHistogram<double>("openchat.transcripts.write.duration", "s", "Duration of one batch write to Redis.");
        WriteFailures = meter.CreateCounter<long>("openchat.transcripts.write.failures", "{batch}", "Batch writes that failed and will be retried.");
        Written = meter.CreateCounter<long>("openchat.transcripts.written", "{transcript}", "Transcripts stored.");
    }

    public Histogram<double> WriteDuration { get; }

    public Counter<long> WriteFailures { get; }

    public Counter<long> Written { get; }
}
