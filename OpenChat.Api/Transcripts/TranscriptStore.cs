using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Redis;
using StackExchange.Redis;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Transcripts in Redis, using only what Redis 7 and Garnet share: strings, sorted sets and expiry.
/// </summary>
internal sealed class TranscriptStore(RedisConnection redis, TranscriptKeys keys, IOptions<TranscriptOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _retention = options.Value.Retention;

    /// <summary>
    /// Writes a batch in one pipelined round trip: a string per transcript, and one sorted-set add per index with all of
    /// the batch's ids in it (Redis shares the machine's cores, so commands it need not run count); then trims the
    /// indexes it touched of expired ids.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<QueuedTranscript> transcripts)
    {
        var database = await redis.GetDatabaseAsync();
        var batch = database.CreateBatch();
        var all = new List<SortedSetEntry>(transcripts.Count);
        var idsByIndex = new Dictionary<RedisKey, List<SortedSetEntry>> { [keys.AllIndex] = all };
        var writes = new List<Task>(transcripts.Count + 8);
        foreach (var (id, keyId, _, json) in transcripts)
        {
            writes.Add(batch.StringSetAsync(keys.Transcript(id), json.WrittenMemory, _retention));
            var entry = new SortedSetEntry(id, 0);
            all.Add(entry);
            var keyIndex = keys.KeyIndex(keyId);
            if (!idsByIndex.TryGetValue(keyIndex, out var keyIds))
            {
                idsByIndex[keyIndex] = keyIds = [];
            }

            keyIds.Add(entry);
        }

        // Ids sort by creation time, so everything below the id of "now minus retention" has expired.
        var oldestKept = CompletionIds.LowerBound(timeProvider.GetUtcNow() - _retention);
        foreach (var (index, ids) in idsByIndex)
        {
            writes.Add(batch.SortedSetAddAsync(index, [.. ids]));
            writes.Add(batch.SortedSetRemoveRangeByValueAsync(index, min: default, max: oldestKept, Exclude.Stop));
            writes.Add(batch.KeyExpireAsync(index, _retention));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>The transcript's JSON and owner, or null when there is none.</summary>
    public async Task<StoredTranscript?> GetAsync(string id)
    {
        var json = await (await redis.GetDatabaseAsync()).StringGetAsync(keys.Transcript(id));
        return json.IsNull ? null : StoredTranscript.From((byte[])json!);
    }

    /// <summary>
    /// The newest transcripts first, after the <paramref name="before"/> cursor, from the caller's index.
    /// Ids whose record has expired are dropped from the page and from the index.
    /// </summary>
    public async Task<TranscriptPage> ListAsync(string? keyId, string? before, int limit)
    {
        var database = await redis.GetDatabaseAsync();
        var index = keyId is null ? keys.AllIndex : keys.KeyIndex(keyId);
        // A default bound is open ("-" or "+"); the cursor itself is excluded.
        var ids = await database.SortedSetRangeByValueAsync(index,
            min: default, max: before ?? default, exclude: Exclude.Stop, order: Order.Descending, skip: 0, take: limit + 1);

        var page = ids.Take(limit).ToArray();
        var records = page.Length == 0 ? [] : await database.StringGetAsync([.. page.Select(id => keys.Transcript((string)id!))]);
        var found = new List<StoredTranscript>(page.Length);
        var expired = new List<RedisValue>();
        for (var i = 0; i < page.Length; i++)
        {
            if (records[i].IsNull)
            {
                expired.Add(page[i]);
            }
            else
            {
                found.Add(StoredTranscript.From((byte[])records[i]!));
            }
        }

        if (expired.Count > 0)
        {
            await database.SortedSetRemoveAsync(index, [.. expired]);
        }

        return new TranscriptPage(found, HasMore: ids.Length > limit);
    }

    public async Task<bool> DeleteAsync(StoredTranscript transcript)
    {
        var database = await redis.GetDatabaseAsync();
        var deleted = database.KeyDeleteAsync(keys.Transcript(transcript.Id));
        var fromAll = database.SortedSetRemoveAsync(keys.AllIndex, transcript.Id);
        var fromKey = database.SortedSetRemoveAsync(keys.KeyIndex(transcript.KeyId), transcript.Id);
        await Task.WhenAll(deleted, fromAll, fromKey);
        return await deleted;
    }
}
