using System.Diagnostics;
using System.Globalization;

namespace OpenChat.Chaos.Tests;

/// <summary>
/// The chaos as timed steps from the start of the load (the scenario itself, not a wait for a result): each step
/// runs at its time, after the one before it has finished, and the log says when each one was done.
/// </summary>
internal sealed class ChaosSchedule
{
    private readonly List<(TimeSpan At, string Name, Func<Task> Act)> _steps = [];
    private readonly List<string> _log = [];

    public IReadOnlyList<string> Log => _log;

    public ChaosSchedule At(TimeSpan at, string name, Func<Task> act)
    {
        _steps.Add((at, name, act));
        return this;
    }

    public async Task RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        foreach (var (at, name, act) in _steps.OrderBy(step => step.At))
        {
            if (at - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await act();
            _log.Add(string.Create(CultureInfo.InvariantCulture, $"{name} at {clock.Elapsed.TotalSeconds:0.0} s"));
        }
    }
}
