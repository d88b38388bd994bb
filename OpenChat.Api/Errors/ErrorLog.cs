namespace OpenChat.Api.Errors;

internal static partial class ErrorLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}.")]
    public static partial void UnhandledException(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{Method} {Path} failed: {Code}.")]
    public static partial void RequestFailed(ILogger logger, string method, PathString path, string? code, Exception exception);
}
