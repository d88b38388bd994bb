using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OpenChat.Chaos.Tests;

/// <summary>What <see cref="StoredTranscripts"/> found: how many were stored, which were not, which had the wrong status.</summary>
internal sealed record TranscriptCheck(int Stored, IReadOnlyList<string> Missing, IReadOnlyList<string> Wrong, TimeSpan Waited);

/// <summary>
/// Reads transcripts back through <c>GET /v1/transcripts/{id}</c> with an admin key, polling (within a deadline)
/// for those not stored yet: the writer stores what waited while Redis was away once Redis is back.
/// </summary>
internal sealed class StoredTranscripts(HttpClient admin)
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_readDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Reads every transcript back, checking each one's status: <paramref name="expectedStatuses"/> maps id to status.</summary>
    public async Task<TranscriptCheck> WaitForAllAsync(IReadOnlyDictionary<string, string> expectedStatuses, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pending = expectedStatuses.Keys.ToList();
        var wrong = new ConcurrentQueue<string>();
        while (true)
        {
            var notYet = new ConcurrentQueue<string>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, token) =>
            {
                switch (await ReadStatusAsync(id, token))
                {
                    case null:
                        notYet.Enqueue(id);
                        break;
                    case var status when status != expectedStatuses[id]:
                        wrong.Enqueue($"{id}: stored as {status}, expected {expectedStatuses[id]}");
                        break;
                }
            });

            pending = [.. notYet];
            if (pending.Count == 0 || clock.Elapsed > deadline)
            {
                return new TranscriptCheck(expectedStatuses.Count - pending.Count, pending, [.. wrong], clock.Elapsed);
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    /// <summary>The transcript's status, or null when it is not stored (yet).</summary>
    private async Task<string?> ReadStatusAsync(string id, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_readDeadline);
        using var response = await admin.GetAsync($"/v1/transcripts/{Uri.EscapeDataString(id)}", timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var transcript = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(timeout.Token));
        return transcript.GetProperty("status").GetString();
    }
}
