namespace OpenChat.ModelSimulator.Profiles;

/// <summary>Where a stream says <c>"role": "assistant"</c>.</summary>
public enum RoleDelivery
{
    /// <summary>A chunk of its own before content; a tool-call turn carries the role in its first call's delta instead (OpenAI, Azure).</summary>
    OwnChunkUnlessToolCalls,

    /// <summary>A chunk of its own before anything else, whatever follows (vLLM).</summary>
    OwnChunk,

    /// <summary>In every delta, with no chunk of its own (Ollama).</summary>
    EveryDelta,
}
