namespace OpenChat.ModelSimulator.Profiles;

/// <summary>How a streamed tool call is cut into deltas.</summary>
public enum ToolCallDelivery
{
    /// <summary>Index, id, type, name and <c>"arguments": ""</c>, then argument fragments (OpenAI, Azure).</summary>
    NameWithEmptyArgumentsThenFragments,

    /// <summary>Index, id, type and name only, then argument fragments (vLLM's tool parsers).</summary>
    NameThenFragments,

    /// <summary>The whole call, arguments and all, in one delta (Ollama).</summary>
    Whole,
}
