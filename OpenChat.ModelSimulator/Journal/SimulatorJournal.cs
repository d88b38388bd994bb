using Microsoft.Extensions.Options;

namespace OpenChat.ModelSimulator.Journal;

/// <summary>
/// The last requests the simulator received, so tests can see what reached the model: the headers the
/// gateway sent, the body it built, and whether the stream completed or was cancelled. Tests await an entry
/// with <see cref="WaitForAsync"/> instead of polling.
/// </summary>
public sealed class SimulatorJournal(IOptions<SimulatorOptions> options)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private readonly List<(Func<JournalEntry, bool> Predicate, TaskCompletionSource<JournalEntry> Signal)> _waiters = [];
    private long _sequence;

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Records a request as it arrives; credentials in its headers are redacted before they are kept.</summary>
    public JournalEntry Begin(string? scriptId, IEnumerable<KeyValuePair<string, string>> headers, string body, bool stream)
    {
        var entry = new JournalEntry
        {
            Sequence = Interlocked.Increment(ref _sequence),
            ScriptId = scriptId,
            Headers = RedactedHeaders.Of(headers),
            Body = body,
            Stream = stream,
        };
        Record(null, entry);
        return entry;
    }

    /// <summary>Replaces an entry with its newer state.</summary>
    public void Update(JournalEntry previous, JournalEntry current) => Record(previous, current);

    /// <summary>Completes with the first entry, recorded or updated before or after the call, that matches.</summary>
    public Task<JournalEntry> WaitForAsync(Func<JournalEntry, bool> predicate, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource<JournalEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var match = _entries.FirstOrDefault(predicate);
            if (match is not null)
            {
                return Task.FromResult(match);
            }

            _waiters.Add((predicate, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    private void Record(JournalEntry? previous, JournalEntry current)
    {
        List<TaskCompletionSource<JournalEntry>> satisfied = [];
        lock (_lock)
        {
            var node = previous is null ? null : _entries.FindLast(previous);
            if (node is null)
            {
                _entries.AddLast(current);
                if (_entries.Count > options.Value.JournalCapacity)
                {
                    _entries.RemoveFirst();
                }
            }
            else
            {
                node.Value = current;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(current))
                {
                    satisfied.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in satisfied)
        {
            signal.TrySetResult(current);
        }
    }
}
