namespace OpenChat.Tools.Mcp.Federation;

public enum ExternalServerState
{
    /// <summary>The first connection is being made.</summary>
    Connecting,

    /// <summary>Connected: its tools are in the catalog.</summary>
    Connected,

    /// <summary>It could not be reached or went away; connecting again after a backoff.</summary>
    Unavailable,
}
