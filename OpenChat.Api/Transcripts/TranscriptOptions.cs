namespace OpenChat.Api.Transcripts;

/// <summary>Where and how long completions are recorded; bound from <c>OpenChat:Transcripts</c>.</summary>
internal sealed class TranscriptOptions
{
    public const string SectionName = "OpenChat:Transcripts";

    /// <summary>Off: nothing is recorded and the Api needs no Redis.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a transcript is kept; Redis expiry enforces it on records and indexes alike.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The bytes of transcripts that may wait for Redis (those being written included); past this the oldest is given up, and counted.</summary>
    public long MaxQueueBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The size one transcript is kept within; what does not fit is left out with a marker.</summary>
    public int MaxTranscriptBytes { get; set; } = 1024 * 1024;

    /// <summary>Transcripts written in one round trip.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long the writer waits for more transcripts when fewer than a batch are queued, so completions that end
    /// one by one share a round trip to Redis; zero writes whatever is queued at once.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between two attempts while Redis is away.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "openchat:";
}
