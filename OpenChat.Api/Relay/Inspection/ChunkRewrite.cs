namespace OpenChat.Api.Relay.Inspection;

/// <summary>The changes a chunk may need before the client sees it.</summary>
[Flags]
internal enum ChunkRewrite
{
    None = 0,

    /// <summary>Remove server tool calls and renumber the client's calls from 0.</summary>
    ToolCalls = 1,

    /// <summary>The turn continues with server tools: its finish reason is not the client's.</summary>
    ClearFinishReason = 2,

    /// <summary>Report usage summed over every round.</summary>
    Usage = 4,

    /// <summary>The first chunk the client sees that has a choice: it announces the assistant.</summary>
    AddRole = 8,

    /// <summary>The client heard the role already: a repeat is taken out.</summary>
    StripRole = 16,
}
