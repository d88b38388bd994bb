namespace OpenChat.Api.Upstream;

internal static partial class UpstreamLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed ({Reason}); retry {Attempt} in {DelayMs:0} ms.")]
    public static partial void Retrying(ILogger logger, string upstream, string reason, int attempt, double delayMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed ({Reason}) before the first byte; the next upstream, if any, is tried.")]
    public static partial void FallingBack(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Upstream {Upstream} is out of service until {Until:O} ({Reason}).")]
    public static partial void TakenOut(ILogger logger, string upstream, DateTimeOffset until, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Upstream {Upstream} is back in service.")]
    public static partial void BackInService(ILogger logger, string upstream);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Upstream {Upstream}'s model list was left out of /v1/models.")]
    public static partial void ModelListSkipped(ILogger logger, string upstream, Exception exception);
}
