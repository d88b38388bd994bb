using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OpenChat.Chaos.Tests;

/// <summary>One request of the load: its script, what the client saw, when it started, and what was wrong with it.</summary>
internal sealed record RequestRecord(ChatScenario Scenario, ObservedResponse Response, TimeSpan StartedAt, string? Problem);

/// <summary>
/// Streaming clients, each sending one completion after another with a script picked at random, and checking each
/// response as it completes, until told to stop starting new ones.
/// </summary>
internal sealed class ChaosLoad(HttpClient client, int clients, TimeSpan requestDeadline, int seed)
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private long _sent;

    public IReadOnlyCollection<RequestRecord> Records => _records;

    /// <summary>Runs every client until <paramref name="stopStarting"/>; each finishes the request it has in hand.</summary>
    public Task RunAsync(Stopwatch clock, CancellationToken stopStarting, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => RunClientAsync(new Random(seed + i), clock, stopStarting, cancellationToken), cancellationToken)));

    private async Task RunClientAsync(Random random, Stopwatch clock, CancellationToken stopStarting, CancellationToken cancellationToken)
    {
        while (!stopStarting.IsCancellationRequested)
        {
            var scenario = ChatScenario.Pick(Interlocked.Increment(ref _sent), random);
            var startedAt = clock.Elapsed;
            var response = await ResponseReader.SendAsync(client, scenario, requestDeadline, cancellationToken);
            var problem = response.Problem ?? scenario.Check(response) ?? (response.TranscriptId is null ? "no X-Transcript-Id" : null);
            _records.Enqueue(new RequestRecord(scenario, response, startedAt,
                problem is null ? null : string.Create(CultureInfo.InvariantCulture, $"{scenario.Kind} #{scenario.Number} sent at {startedAt.TotalSeconds:0.0} s: {problem}")));
        }
    }
}
