using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Redis;
using OpenChat.Api.Resilience;

namespace OpenChat.Api.Auth;

/// <summary>
/// Finds the managed key a presented digest belongs to. What Redis said is trusted for <c>KeyCacheTime</c>
/// (under a second by default, so a revocation reaches every replica within it), which keeps Redis off the
/// path of almost every request. While Redis is unreachable, what was read within <c>KeyStaleTime</c> stays
/// valid and anything else is <see cref="ManagedKeyStanding.Unavailable"/>.
/// </summary>
internal sealed class ManagedKeyLookup(
    ManagedKeyStore store,
    RedisConnection redis,
    IOptions<ManagedKeyOptions> options,
    TimeProvider timeProvider,
    ILogger<ManagedKeyLookup> logger)
{
    private readonly ConcurrentDictionary<KeyDigest, Entry> _cache = new();
    private readonly ManagedKeyOptions _options = options.Value;
    private readonly IntervalGate _warning = new(TimeSpan.FromMinutes(1), timeProvider);

    public async ValueTask<(ManagedKeyStanding Standing, GatewayCaller? Caller)> FindAsync(KeyDigest digest)
    {
        var now = timeProvider.GetTimestamp();
        _cache.TryGetValue(digest, out var cached);
        if (cached is not null && timeProvider.GetElapsedTime(cached.ReadAt, now) < _options.KeyCacheTime)
        {
            return Judge(cached);
        }

        Entry entry;
        try
        {
            var database = await redis.GetConnectedDatabaseAsync(_options.RedisTimeout);
            var key = await store.FindAsync(database, digest).WaitAsync(_options.RedisTimeout, timeProvider);
            entry = new Entry(key, key?.ToCaller(), now);
        }
        catch (Exception exception)
        {
            // No caller's token reaches these calls, so every failure is Redis's: a cancellation too is the client
            // library's, for a command its dying connection never completed (see RedisFailures).
            if (_warning.TryEnter())
            {
                AuthLog.KeyStoreUnavailable(logger, exception);
            }

            return cached is not null && timeProvider.GetElapsedTime(cached.ReadAt, now) < _options.KeyStaleTime
                ? Judge(cached)
                : (ManagedKeyStanding.Unavailable, null);
        }

        Remember(digest, entry);
        return Judge(entry);
    }

    private (ManagedKeyStanding, GatewayCaller?) Judge(Entry entry) => entry.Key switch
    {
        null => (ManagedKeyStanding.Unknown, null),
        { IsRevoked: true } => (ManagedKeyStanding.Revoked, null),
        var key when key.HasExpired(timeProvider.GetUtcNow()) => (ManagedKeyStanding.Expired, null),
        _ => (ManagedKeyStanding.Valid, entry.Caller),
    };

    /// <summary>Caches the entry; a full cache first lets go of entries too old to serve even while Redis is away.</summary>
    private void Remember(KeyDigest digest, Entry entry)
    {
        if (_cache.Count >= _options.MaxCachedKeys && !_cache.ContainsKey(digest))
        {
            foreach (var (key, old) in _cache)
            {
                if (timeProvider.GetElapsedTime(old.ReadAt, entry.ReadAt) >= _options.KeyStaleTime)
                {
                    _cache.TryRemove(key, out _);
                }
            }

            if (_cache.Count >= _options.MaxCachedKeys)
            {
                return;
            }
        }

        _cache[digest] = entry;
    }

    private sealed record Entry(ManagedKey? Key, GatewayCaller? Caller, long ReadAt);
}

/// <summary>What a presented managed key turned out to be.</summary>
internal enum ManagedKeyStanding
{
    Valid,
    Unknown,
    Revoked,
    Expired,
    /// <summary>Redis could not be asked and nothing recent enough was known.</summary>
    Unavailable,
}
