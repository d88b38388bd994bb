namespace OpenChat.Api.Errors;

internal static partial class ErrorLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}.")]
    public static partial void UnhandledException(ILogger logger, string method, PathString path, Exception exception);
}
