namespace OpenChat.Api.Auth;

/// <summary>
/// Keys that admins create at run time, kept in Redis; bound from <c>OpenChat:Governance</c>, the section that
/// switches keys, limits and usage on and off together.
/// </summary>
internal sealed class ManagedKeyOptions
{
    public const string SectionName = "OpenChat:Governance";

    /// <summary>Off: only the configured keys exist, and nothing is kept in Redis.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Prefix of every Redis key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "openchat:";

    /// <summary>How long a replica trusts what it read about a key; a revocation reaches every replica within it.</summary>
    public TimeSpan KeyCacheTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>While Redis is unreachable, keys read within this time stay valid; unknown keys get 503.</summary>
    public TimeSpan KeyStaleTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most keys a replica remembers; past it, lookups go to Redis until old entries age out.</summary>
    public int MaxCachedKeys { get; set; } = 10_000;

    /// <summary>The longest a request waits on Redis before it counts as unreachable.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
