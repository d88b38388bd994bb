namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// What the model says to one request: content pieces (each a chunk), or tool calls (each streamed as its
/// name, then its arguments in fragments), and how it finishes.
/// </summary>
public sealed record SimulatedAnswer(IReadOnlyList<string> Pieces, IReadOnlyList<SimulatedToolCall> ToolCalls, string FinishReason, bool Legacy)
{
    public int CompletionTokens => Pieces.Count + ToolCalls.Sum(call => call.Fragments.Count);

    public string Content => string.Concat(Pieces);
}

public sealed record SimulatedToolCall(string Id, string Name, string Arguments, IReadOnlyList<string> Fragments);
