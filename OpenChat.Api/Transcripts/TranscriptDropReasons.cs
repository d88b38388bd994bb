namespace OpenChat.Api.Transcripts;

/// <summary>Why a transcript was given up: the <c>openchat.transcripts.reason</c> of <c>openchat.transcripts.dropped</c>.</summary>
internal static class TranscriptDropReasons
{
    public const string AttributeName = "openchat.transcripts.reason";

    /// <summary>The queue's byte bound was reached while Redis was slow or away.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The completion could not be written as JSON.</summary>
    public const string Serialization = "serialization";

    /// <summary>Redis answered and refused it (for example a key of the wrong type).</summary>
    public const string Rejected = "rejected";

    /// <summary>It came after shutdown had closed the queue.</summary>
    public const string ShutDown = "shut_down";
}
