namespace OpenChat.Api.Relay.Inspection;

/// <summary>What one chunk holds, as far as deciding whether to forward, drop or rewrite it.</summary>
internal struct ChunkFacts
{
    /// <summary>Not a JSON object: passed on as it is.</summary>
    public bool IsOpaque { get; set; }

    public bool IsError { get; set; }

    /// <summary>Some choice carries content or a refusal that is not empty.</summary>
    public bool HasContent { get; set; }

    public bool HasRole { get; set; }

    /// <summary>A delta field the gateway does not interpret, such as <c>reasoning_content</c>.</summary>
    public bool HasOtherDeltaFields { get; set; }

    public int ServerToolDeltas { get; set; }

    public int ClientToolDeltas { get; set; }

    /// <summary>A client call whose index differs from the index the client sees.</summary>
    public bool NeedsRenumbering { get; set; }

    public bool HasFinish { get; set; }

    public bool HasUsage { get; set; }

    /// <summary><c>"choices": []</c>, as in the usage chunk at the end of a stream.</summary>
    public bool HasNoChoices { get; set; }

    /// <summary>Nothing but the role announcement: <c>{"role":"assistant","content":""}</c>.</summary>
    public readonly bool IsRoleOnly =>
        HasRole && !HasContent && !HasOtherDeltaFields && ServerToolDeltas == 0 && ClientToolDeltas == 0 && !HasFinish && !HasUsage;

    /// <summary>Only server tool-call deltas: nothing in it is the client's.</summary>
    public readonly bool IsServerToolCallsOnly =>
        ServerToolDeltas > 0 && ClientToolDeltas == 0 && !HasContent && !HasOtherDeltaFields && !HasFinish && !HasUsage;
}
