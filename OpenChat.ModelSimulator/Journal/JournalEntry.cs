namespace OpenChat.ModelSimulator.Journal;

/// <summary>One request the simulator received, and how answering it went.</summary>
public sealed record JournalEntry
{
    public required long Sequence { get; init; }

    public string? ScriptId { get; init; }

    /// <summary>The request's headers, credentials redacted (<see cref="RedactedHeaders"/>).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The provider profile the answer took.</summary>
    public string? Profile { get; init; }

    public required string Body { get; init; }

    public bool Stream { get; init; }

    /// <summary>SSE data events written so far (role, content, tool-call, finish and usage chunks, [DONE]).</summary>
    public int Chunks { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> (as scripted or rejected) or <c>cancelled</c> (the client went away).</summary>
    public string Outcome { get; init; } = JournalOutcomes.Running;

    public int StatusCode { get; init; }
}
