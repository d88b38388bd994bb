using System.Diagnostics.Metrics;

namespace OpenChat.Testing;

/// <summary>
/// Awaits the total of one counter of one meter instance: a signal the production code already gives, so
/// tests wait for "N transcripts written" without polling or sleeping.
/// </summary>
public sealed class CounterSignal : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(long Target, TaskCompletionSource Signal)> _waiters = [];
    private long _total;

    public CounterSignal(Meter meter, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        _listener.Start();
    }

    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public Task WaitForTotalAsync(long target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_total >= target)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, signal));
            return signal.Task.WaitAsync(timeout, cancellationToken);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(long value)
    {
        List<TaskCompletionSource> reached = [];
        lock (_lock)
        {
            _total += value;
            _waiters.RemoveAll(waiter =>
            {
                if (_total < waiter.Target)
                {
                    return false;
                }

                reached.Add(waiter.Signal);
                return true;
            });
        }

        reached.ForEach(signal => signal.TrySetResult());
    }
}
