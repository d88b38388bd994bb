using System.Diagnostics;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Upstream;

/// <summary>
/// The successful response of one attempt, handed over as soon as its headers are in: the response, the
/// cancellation that bounds reading it (re-armed by the reader for each idle gap), and the attempt's
/// <c>chat {model}</c> span, which the reader completes with what the stream told it. <see cref="Complete"/>
/// records the attempt, to its last byte, and tells the upstream's health how the stream went; disposing frees the
/// upstream's slot.
/// </summary>
internal sealed class UpstreamExchange(
    ChatCall call,
    RouteTarget target,
    HttpResponseMessage response,
    ExchangeLifetime lifetime,
    Activity? activity,
    long startTimestamp,
    UpstreamOutcomes outcomes,
    TimeProvider timeProvider) : IDisposable
{
    private bool _completed;
    private bool _disposed;

    public HttpResponseMessage Response => response;

    public ExchangeLifetime Lifetime => lifetime;

    /// <summary>The attempt's span; the reader records the outcome on it before disposing the exchange.</summary>
    public Activity? Activity => activity;

    public string UpstreamName => target.Upstream.Name;

    /// <summary>The model the upstream was asked for, by its name there.</summary>
    public string Model => target.DeploymentOf(call.Route.Model);

    public Uri Server => target.Upstream.BaseUrl;

    public long StartTimestamp => startTimestamp;

    public TimeSpan IdleTimeout => target.Upstream.Options.IdleTimeout;

    public TimeSpan ResponseTimeout => target.Upstream.Options.ResponseTimeout;

    /// <summary>Records how reading the response ended: <see cref="CompletionStatus.Completed"/>, or how it failed.</summary>
    public void Complete(CompletionStatus status, string? error)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var failed = status != CompletionStatus.Completed;
        call.Attempts.Add(new UpstreamAttempt(call.Round, UpstreamName, (int)response.StatusCode,
            timeProvider.GetElapsedTime(startTimestamp), failed ? status.ToWireName() : null));
        if (status is CompletionStatus.UpstreamError or CompletionStatus.UpstreamTimeout)
        {
            // A stream that breaks or stalls after a good start is the upstream failing all the same.
            outcomes.Failed(target.Upstream, "stream", error ?? status.ToWireName(), retryAfter: null, probe: false);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        response.Dispose();
        lifetime.Dispose();
        activity?.Dispose();
        target.Upstream.Load.Exit();
    }
}
