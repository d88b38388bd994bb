namespace OpenChat.Api.Transcripts;

internal static partial class TranscriptLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The transcript queue is full: transcript {TranscriptId} was given up.")]
    public static partial void TranscriptDropped(ILogger logger, string transcriptId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Writing {Count} transcripts failed (attempt {Attempt}); retrying in {DelayMs:0} ms.")]
    public static partial void WriteFailed(ILogger logger, int count, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Redis is back: {Count} transcripts written after {Attempt} attempts.")]
    public static partial void WriteRecovered(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Shutdown came before Redis did: {Count} transcripts were not written.")]
    public static partial void LostAtShutdown(ILogger logger, int count);
}
