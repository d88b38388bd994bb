namespace OpenChat.Api.Governance;

/// <summary>
/// The usage of a batch's completions that share a key, a model, a day and a rate window, summed: one script
/// stores them all, so a busy key costs Redis one call per batch rather than one per completion.
/// </summary>
internal sealed record UsageTotal(string KeyId, DateTimeOffset At, string Model, long WindowResetAt)
{
    public long Requests { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CostNanos { get; private set; }

    public long WindowTokenCorrection { get; private set; }

    public static List<UsageTotal> Of(IEnumerable<UsageEntry> entries)
    {
        var totals = new Dictionary<(string, DateOnly, string, long), UsageTotal>();
        foreach (var entry in entries)
        {
            var day = GovernanceKeys.DayOf(entry.At);
            if (!totals.TryGetValue((entry.KeyId, day, entry.Model, entry.WindowResetAt), out var total))
            {
                total = new UsageTotal(entry.KeyId, entry.At, entry.Model, entry.WindowResetAt);
                totals.Add((entry.KeyId, day, entry.Model, entry.WindowResetAt), total);
            }

            total.Requests++;
            total.InputTokens += entry.InputTokens;
            total.OutputTokens += entry.OutputTokens;
            total.CostNanos += entry.CostNanos;
            total.WindowTokenCorrection += entry.WindowTokenCorrection;
        }

        return [.. totals.Values];
    }
}
