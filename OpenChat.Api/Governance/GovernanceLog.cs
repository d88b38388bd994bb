namespace OpenChat.Api.Governance;

internal static partial class GovernanceLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Redis cannot be reached to check limits; requests are {Decision} until it is back ({Mode}).")]
    public static partial void LimitsUnavailable(ILogger logger, string decision, RedisDownMode mode, Exception? exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Storing the usage of {Count} completion(s) failed (attempt {Attempt}); retrying in {DelayMs:0} ms.")]
    public static partial void UsageWriteFailed(ILogger logger, int count, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "The usage queue is full: the usage of completion {CompletionId} was given up.")]
    public static partial void UsageDropped(ILogger logger, string completionId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "Renewing {Count} stream lease(s) failed; they run out unless the next renewal succeeds.")]
    public static partial void LeaseRenewalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Usage of {Count} completion(s) could not be stored before shutdown.")]
    public static partial void UsageLostAtShutdown(ILogger logger, int count);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Redis refused the usage of a completion of key {KeyId}; it is given up and the writer goes on.")]
    public static partial void UsageRejected(ILogger logger, string keyId, Exception exception);
}
