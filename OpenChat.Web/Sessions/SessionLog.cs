namespace OpenChat.Web.Sessions;

internal static partial class SessionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Signed in with key {KeyId} (admin: {IsAdmin}).")]
    public static partial void SignedIn(ILogger logger, string keyId, bool isAdmin);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The Api refused a sign-in key.")]
    public static partial void Refused(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The admin check answered {Status}; the key is treated as not admin.")]
    public static partial void AdminCheckUnexpected(ILogger logger, int status);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Sign-in could not check the key: {Error}")]
    public static partial void CheckFailed(ILogger logger, string error);
}
