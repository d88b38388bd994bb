using System.Diagnostics.Metrics;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Upstream;

/// <summary>Per upstream: the requests sent, the failures by reason, its state and the requests it has in flight.</summary>
internal sealed class UpstreamMetrics
{
    public const string UpstreamName = "openchat.upstream.name";
    public const string FailureReason = "openchat.upstream.failure.reason";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;

    public UpstreamMetrics(IMeterFactory meterFactory, UpstreamPool pool)
    {
        var meter = meterFactory.Create(OpenChatTelemetry.Name);
        _requests = meter.CreateCounter<long>("openchat.upstream.requests", "{request}", "Requests sent to each upstream, every attempt counted.");
        _failures = meter.CreateCounter<long>("openchat.upstream.failures", "{request}", "Upstream requests that failed, by openchat.upstream.failure.reason.");
        meter.CreateObservableGauge("openchat.upstream.state", () => pool.All.Select(upstream =>
            new Measurement<int>((int)upstream.Health.Snapshot().State, new KeyValuePair<string, object?>(UpstreamName, upstream.Name))),
            description: "Each upstream's state: 0 healthy, 1 probing, 2 cooling down, 3 key rejected.");
        meter.CreateObservableUpDownCounter("openchat.upstream.outstanding", () => pool.All.Select(upstream =>
            new Measurement<int>(upstream.Load.Outstanding, new KeyValuePair<string, object?>(UpstreamName, upstream.Name))),
            "{request}", "Requests each upstream has in flight, streams to their last byte.");
    }

    public void Sent(UpstreamClient upstream) => _requests.Add(1, new KeyValuePair<string, object?>(UpstreamName, upstream.Name));

    public void Failed(UpstreamClient upstream, string reason) => _failures.Add(1,
        new KeyValuePair<string, object?>(UpstreamName, upstream.Name), new KeyValuePair<string, object?>(FailureReason, reason));
}
