namespace OpenChat.Api.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Redis cannot be reached for gateway keys: keys read recently stay valid, others are refused with 503.")]
    public static partial void KeyStoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Managed key {KeyId} {Action}.")]
    public static partial void KeyChanged(ILogger logger, string keyId, string action);
}
