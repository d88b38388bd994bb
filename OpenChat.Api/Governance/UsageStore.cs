using System.Globalization;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>Reads daily usage back: one key's, or every key's through the daily sets of keys.</summary>
internal sealed class UsageStore(RedisConnection redis, GovernanceKeys keys)
{
    public async Task<IReadOnlyList<UsageRow>> ReadAsync(string? keyId, UsageRange range)
    {
        var database = await redis.GetDatabaseAsync();
        var days = range.Days.ToList();
        List<(string KeyId, DateOnly Day)> cells;
        if (keyId is not null)
        {
            cells = [.. days.Select(day => (keyId, day))];
        }
        else
        {
            var members = await Task.WhenAll(days.Select(day => database.SetMembersAsync(keys.UsageKeys(day))));
            cells = [.. days.Zip(members).SelectMany(pair => pair.Second.Select(member => ((string)member!, pair.First)))];
        }

        var hashes = await Task.WhenAll(cells.Select(cell => database.HashGetAllAsync(keys.Usage(cell.KeyId, cell.Day))));
        return [.. cells.Zip(hashes)
            .SelectMany(pair => Rows(pair.First.KeyId, pair.First.Day, pair.Second))
            .OrderBy(row => row.Date, StringComparer.Ordinal)
            .ThenBy(row => row.KeyId, StringComparer.Ordinal)
            .ThenBy(row => row.Model, StringComparer.Ordinal)];
    }

    /// <summary>A day's hash holds fields <c>model:counter</c>; model names may contain colons, counters do not.</summary>
    private static IEnumerable<UsageRow> Rows(string keyId, DateOnly day, HashEntry[] fields)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return fields
            .Select(field => ((string)field.Name!, (long)field.Value))
            .Where(field => field.Item1.LastIndexOf(':') > 0)
            .GroupBy(field => field.Item1[..field.Item1.LastIndexOf(':')], StringComparer.Ordinal)
            .Select(model =>
            {
                var counters = model.ToDictionary(field => field.Item1[(field.Item1.LastIndexOf(':') + 1)..], field => field.Item2, StringComparer.Ordinal);
                long Counter(string name) => counters.GetValueOrDefault(name);
                return new UsageRow(keyId, date, model.Key, Counter("requests"), Counter("input_tokens"), Counter("output_tokens"),
                    PriceTable.FromNanos(Counter("cost_nanos")), Counter("refusals"));
            });
    }
}
