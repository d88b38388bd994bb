using System.Collections.Concurrent;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// The decoding step of the simulated model: every stream with the same inter-token delay advances on the same
/// tick, as a serving engine that batches all running sequences emits one token for each of them per step.
/// Thousands of streams then share one timer instead of each arming its own for every chunk.
/// </summary>
public sealed class TokenClock(TimeProvider timeProvider) : IDisposable
{
    private readonly ConcurrentDictionary<TimeSpan, Ticker> _tickers = new();

    /// <summary>Completes at the next step of the clock that ticks every <paramref name="interval"/>.</summary>
    public Task NextTick(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? Task.CompletedTask : _tickers.GetOrAdd(interval, static (every, time) => new Ticker(every, time), timeProvider).Next;

    public void Dispose()
    {
        foreach (var ticker in _tickers.Values)
        {
            ticker.Dispose();
        }
    }

    private sealed class Ticker : IDisposable
    {
        private readonly ITimer _timer;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Ticker(TimeSpan interval, TimeProvider timeProvider) =>
            _timer = timeProvider.CreateTimer(static state => ((Ticker)state!).Tick(), this, interval, interval);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Dispose() => _timer.Dispose();

        private void Tick() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
