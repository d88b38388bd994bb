using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Auth;

/// <summary>
/// Managed keys in Redis, in strings and one sorted set: the key's JSON under its digest
/// (<c>key:&lt;digest&gt;</c>, what authentication reads, one GET), its digest under its id (<c>key-id:&lt;id&gt;</c>,
/// what the admin API reads), and the ids in <c>keys</c> at score 0, which orders them by id for paging.
/// Revoked keys stay, so that presenting one says it was revoked; nothing here expires.
/// </summary>
internal sealed class ManagedKeyStore(RedisConnection redis, IOptions<ManagedKeyOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    private RedisKey ByDigest(string digestHex) => _prefix + "key:" + digestHex;

    private RedisKey ById(string id) => _prefix + "key-id:" + id;

    private RedisKey Index => _prefix + "keys";

    /// <summary>The key with this digest, or null; throws when Redis cannot answer.</summary>
    public async Task<ManagedKey?> FindAsync(IDatabase database, KeyDigest digest) =>
        Parse(await database.StringGetAsync(ByDigest(digest.ToHex())));

    public async Task<ManagedKey?> GetAsync(string id)
    {
        var database = await redis.GetDatabaseAsync();
        var digest = await database.StringGetAsync(ById(id));
        return digest.IsNull ? null : Parse(await database.StringGetAsync(ByDigest(digest!)));
    }

    /// <summary>Stores a new key; false when its id is taken.</summary>
    public async Task<bool> CreateAsync(ManagedKey key)
    {
        var database = await redis.GetDatabaseAsync();
        var transaction = database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(ById(key.Id)));
        _ = transaction.StringSetAsync(ByDigest(key.Digest), Serialize(key));
        _ = transaction.StringSetAsync(ById(key.Id), key.Digest);
        _ = transaction.SortedSetAddAsync(Index, key.Id, 0);
        return await transaction.ExecuteAsync();
    }

    /// <summary>Replaces the stored key, under its digest, which may have changed (rotation).</summary>
    public async Task SaveAsync(ManagedKey key, string? replacedDigest = null)
    {
        var database = await redis.GetDatabaseAsync();
        var transaction = database.CreateTransaction();
        if (replacedDigest is not null && replacedDigest != key.Digest)
        {
            _ = transaction.KeyDeleteAsync(ByDigest(replacedDigest));
        }

        _ = transaction.StringSetAsync(ByDigest(key.Digest), Serialize(key));
        _ = transaction.StringSetAsync(ById(key.Id), key.Digest);
        await transaction.ExecuteAsync();
    }

    /// <summary>Keys in id order after <paramref name="after"/>, and whether more follow.</summary>
    public async Task<(IReadOnlyList<ManagedKey> Keys, bool HasMore)> ListAsync(string? after, int limit)
    {
        var database = await redis.GetDatabaseAsync();
        var ids = await database.SortedSetRangeByValueAsync(Index, min: after ?? default, max: default,
            exclude: after is null ? Exclude.None : Exclude.Start, order: Order.Ascending, skip: 0, take: limit + 1);
        var page = ids.Take(limit).ToArray();
        if (page.Length == 0)
        {
            return ([], false);
        }

        var digests = await database.StringGetAsync([.. page.Select(id => ById(id!))]);
        var records = await database.StringGetAsync([.. digests.Where(digest => !digest.IsNull).Select(digest => ByDigest(digest!))]);
        return ([.. records.Select(Parse).OfType<ManagedKey>()], ids.Length > limit);
    }

    private static RedisValue Serialize(ManagedKey key) => JsonSerializer.SerializeToUtf8Bytes(key, ManagedKeyJsonContext.Default.ManagedKey);

    private static ManagedKey? Parse(RedisValue json) =>
        json.IsNull ? null : JsonSerializer.Deserialize((byte[])json!, ManagedKeyJsonContext.Default.ManagedKey);
}
