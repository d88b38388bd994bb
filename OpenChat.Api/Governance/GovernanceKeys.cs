using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenChat.Api.Governance;

/// <summary>
/// The Redis layout, in types Redis 7 and Garnet share. Per key: a hash of the current rate window
/// (<c>reset</c>, <c>requests</c>, <c>tokens</c>), a sorted set of stream slots scored by lease deadline, and the
/// spend per UTC day and month (<c>tokens</c>, <c>cost_nanos</c>). Usage per key per UTC day is a hash with a
/// field per model and counter (<c>gpt-4o-mini:input_tokens</c>), and a set per day of the keys that used it.
/// </summary>
internal sealed class GovernanceKeys(IOptions<GovernanceOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Rate(string keyId) => _prefix + "limits:" + keyId + ":rate";

    public RedisKey Streams(string keyId) => _prefix + "limits:" + keyId + ":streams";

    public RedisKey DailySpend(string keyId, DateTimeOffset time) => _prefix + "spend:" + keyId + ":d:" + Day(time);

    public RedisKey MonthlySpend(string keyId, DateTimeOffset time) => _prefix + "spend:" + keyId + ":m:" + time.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public RedisKey Usage(string keyId, DateOnly day) => _prefix + "usage:" + keyId + ":" + Day(day);

    public RedisKey UsageKeys(DateOnly day) => _prefix + "usage-keys:" + Day(day);

    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    private static string Day(DateTimeOffset time) => Day(DayOf(time));

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
