using OpenChat.ModelSimulator.Script;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>What the simulated model reads from a request: the conversation's state and the caller's options.</summary>
public sealed record SimulatedRequest
{
    public required string Model { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary>vLLM's <c>stream_options.continuous_usage_stats</c>: the usage so far on every chunk.</summary>
    public bool ContinuousUsage { get; init; }

    /// <summary>OpenAI's <c>stream_options.include_obfuscation</c>, true unless the request turns it off.</summary>
    public bool IncludeObfuscation { get; init; } = true;

    /// <summary>Names of the functions the request offers.</summary>
    public required IReadOnlySet<string> OfferedTools { get; init; }

    /// <summary>The request offers legacy <c>functions</c> rather than <c>tools</c>.</summary>
    public bool Legacy { get; init; }

    public bool ToolChoiceNone { get; init; }

    public int? MaxTokens { get; init; }

    public required SimulatorScript Script { get; init; }

    /// <summary>The last user message without its script line.</summary>
    public required string UserText { get; init; }

    /// <summary>Assistant turns with tool calls since the last user message.</summary>
    public int ToolTurns { get; init; }

    /// <summary>Tool results since the last assistant tool call, in order.</summary>
    public required IReadOnlyList<ToolResultMessage> ToolResults { get; init; }

    /// <summary>Words in every message, the basis of the prompt token count.</summary>
    public int PromptTokens { get; init; }
}
