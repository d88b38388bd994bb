namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// Decides what the client sees of a streamed chunk: its original bytes (<see cref="ChunkRewrite.None"/>),
/// nothing (<c>null</c>), or a rewritten chunk. The client sees one continuous answer over every tool round.
/// </summary>
internal static class ChunkPolicy
{
    public static ChunkRewrite? Decide(in ChunkFacts facts, ModelTurn turn, int round, bool clientWantsUsage, ClientRole role)
    {
        if (facts.IsOpaque)
        {
            return ChunkRewrite.None;
        }

        if (facts.HasNoChoices)
        {
            if (!facts.HasUsage)
            {
                // A chunk about the request, such as Azure's prompt filter results: the client's request is the first round's.
                return round > 1 ? null : ChunkRewrite.None;
            }

            // The usage chunk: not for a round that continues, nor for a client that did not ask; summed over
            // the rounds for the client that did.
            if (turn.EndsInServerToolCalls || !clientWantsUsage)
            {
                return null;
            }

            return round > 1 ? ChunkRewrite.Usage : ChunkRewrite.None;
        }

        if (facts.IsRoleOnly && role != ClientRole.Pending)
        {
            // Later rounds (and some servers, in every chunk) announce the assistant again; the client heard it once.
            return role == ClientRole.Sent ? null : ChunkRewrite.None;
        }

        if (facts.IsServerToolCallsOnly)
        {
            return null;
        }

        var rewrite = role switch
        {
            ClientRole.Pending when !facts.HasRole => ChunkRewrite.AddRole,
            ClientRole.Sent when facts.HasRole => ChunkRewrite.StripRole,
            _ => ChunkRewrite.None,
        };
        if (facts.ServerToolDeltas > 0 || facts.NeedsRenumbering)
        {
            rewrite |= ChunkRewrite.ToolCalls;
        }

        if (facts.HasFinish && turn.EndsInServerToolCalls)
        {
            if (!facts.HasContent && !facts.HasOtherDeltaFields && facts.ClientToolDeltas == 0 && !facts.HasUsage)
            {
                return null;
            }

            rewrite |= ChunkRewrite.ClearFinishReason;
        }

        return rewrite;
    }
}
