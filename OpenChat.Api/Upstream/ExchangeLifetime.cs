namespace OpenChat.Api.Upstream;

/// <summary>
/// The cancellation of one upstream exchange. One source serves the client's disconnect, the wait for
/// headers and every idle gap, so the upstream call is cancelled at once whichever comes first.
/// </summary>
internal sealed class ExchangeLifetime : IDisposable
{
    private readonly CancellationTokenRegistration _clientRegistration;

    public ExchangeLifetime(TimeProvider timeProvider, CancellationToken clientAborted)
    {
        Source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        ClientAborted = clientAborted;
        _clientRegistration = clientAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), Source);
    }

    public CancellationTokenSource Source { get; }

    public CancellationToken Token => Source.Token;

    public CancellationToken ClientAborted { get; }

    /// <summary>The exchange was cancelled by a timeout rather than by the client.</summary>
    public bool TimedOut => Source.IsCancellationRequested && !ClientAborted.IsCancellationRequested;

    public void Dispose()
    {
        _clientRegistration.Dispose();
        Source.Dispose();
    }
}
