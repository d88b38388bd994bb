namespace OpenChat.Api.Completions;

/// <summary>One tool call of a completion: a server call with its result, or a client call passed on.</summary>
internal sealed record ToolCallRecord(
    int Round,
    string? Id,
    string? Name,
    string Arguments,
    bool IsServer,
    string? Result = null,
    ToolOutcome? Outcome = null,
    TimeSpan? Duration = null)
{
    /// <summary>The arguments were longer than the gateway keeps; <see cref="Arguments"/> is their beginning.</summary>
    public bool ArgumentsTruncated { get; init; }
}
