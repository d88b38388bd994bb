namespace OpenChat.Api.Transcripts;

internal static partial class TranscriptLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Transcript {TranscriptId} was given up ({Reason}).")]
    public static partial void TranscriptDropped(ILogger logger, string transcriptId, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Writing {Count} transcripts failed (attempt {Attempt}); retrying in {DelayMs:0} ms.")]
    public static partial void WriteFailed(ILogger logger, int count, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Redis is back: {Count} transcripts written after {Attempt} attempts.")]
    public static partial void WriteRecovered(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Shutdown's grace ran out before Redis took them: {Count} transcripts ({Bytes} bytes) were not written.")]
    public static partial void LostAtShutdown(ILogger logger, int count, long bytes);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Transcript {TranscriptId} could not be written as JSON.")]
    public static partial void SerializationFailed(ILogger logger, string transcriptId, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Redis refused transcript {TranscriptId}; it is given up and the writer goes on.")]
    public static partial void TranscriptRejected(ILogger logger, string transcriptId, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Shutdown: {Count} transcripts ({Bytes} bytes) to write in the grace that is left.")]
    public static partial void DrainingAtShutdown(ILogger logger, int count, long bytes);
}
