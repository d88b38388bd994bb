namespace OpenChat.ModelSimulator;

internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "The client went away before the answer was complete.")]
    public static partial void ClientLeft(ILogger logger);
}
