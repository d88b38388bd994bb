namespace OpenChat.Api.Governance;

/// <summary>Limits, budgets, prices and usage; bound from <c>OpenChat:Governance</c>.</summary>
internal sealed class GovernanceOptions
{
    public const string SectionName = "OpenChat:Governance";

    /// <summary>Off: no limits, no usage, no managed keys, and no Redis needed for them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Prefix of every Redis key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "openchat:";

    /// <summary>Requests per minute of a key that sets none; null: no limit.</summary>
    public long? DefaultRequestsPerMinute { get; set; }

    /// <summary>Tokens per minute of a key that sets none; null: no limit.</summary>
    public long? DefaultTokensPerMinute { get; set; }

    /// <summary>Concurrent streams of a key that sets none; null: no limit.</summary>
    public int? DefaultMaxConcurrentStreams { get; set; } = 100;

    /// <summary>
    /// How long a stream's concurrency slot lasts unless its replica renews it (every third of this while the
    /// stream runs): the longest a crashed replica's slots stay taken.
    /// </summary>
    public TimeSpan StreamLeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most spare stream slots one admission script grants, which bounds its work (and its Lua stack).</summary>
    public const int MaxSpareStreamSlots = 1024;

    /// <summary>
    /// The most stream slots a replica takes ahead of need for a key whose only limit is its concurrent streams
    /// (never more than an eighth of the limit or the key's requests there in the last second, and only while the
    /// key uses at most three quarters of it), so that most of its requests are admitted without a round trip to
    /// Redis, also when its streams start together; 0: every request asks Redis.
    /// </summary>
    public int SpareStreamSlots { get; set; } = MaxSpareStreamSlots;

    /// <summary>What the limits do while Redis cannot be reached.</summary>
    public RedisDownMode RedisDownMode { get; set; } = RedisDownMode.FailOpen;

    /// <summary>The longest a request waits on Redis before it counts as unreachable.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Prices per model (the upstream model, or the name clients use), in US dollars per million tokens.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long daily usage is kept.</summary>
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The most days one usage query may cover.</summary>
    public int MaxUsageDays { get; set; } = 93;

    /// <summary>Finished completions whose usage may wait for Redis; past this the oldest is given up (and counted).</summary>
    public int UsageQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// How long the usage writer waits for more completions when fewer than a batch are queued, so completions that
    /// end one by one share a script per key and model; budgets see usage this much later. Zero: at once.
    /// </summary>
    public TimeSpan UsageBatchLinger { get; set; } = TimeSpan.FromMilliseconds(10);
}

/// <summary>Whether limits let requests through or refuse them while Redis cannot be reached.</summary>
internal enum RedisDownMode
{
    /// <summary>Admit, with a warning and a metric: an outage of Redis is not an outage of the gateway.</summary>
    FailOpen,

    /// <summary>Refuse with 503: no request goes unmetered.</summary>
    FailClosed,
}

/// <summary>A model's price in US dollars per million tokens.</summary>
internal sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }
}
