using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// The Redis layout: one string per transcript (its JSON) and two sorted sets of ids, all transcripts and
/// one per gateway key. Every member of an index has score 0, so the set orders by id, which is creation
/// order: pages are lexicographic ranges. Everything expires with the retention.
/// </summary>
internal sealed class TranscriptKeys(IOptions<TranscriptOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Transcript(string id) => _prefix + "transcript:" + id;

    public RedisKey AllIndex => _prefix + "transcripts";

    public RedisKey KeyIndex(string keyId) => _prefix + "transcripts:key:" + keyId;
}
