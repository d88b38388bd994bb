namespace OpenChat.Api.Upstream;

/// <summary>
/// Writes a round's request body for the upstream it is about to go to: upstreams may know the model by other
/// names, and each says whether it is always asked for usage. The memory stays valid until the next call, or until
/// <see cref="Delivered"/>.
/// </summary>
internal interface IChatBodySource
{
    ReadOnlyMemory<byte> BodyFor(ChatBodyTarget target);

    /// <summary>
    /// The round's body has been written whole to the upstream whose response is kept: the round needs it no more, so
    /// a stream does not hold it while it runs.
    /// </summary>
    void Delivered();
}

/// <summary>What of the upstream a request body depends on.</summary>
internal readonly record struct ChatBodyTarget(string Model, bool AlwaysRequestUsage);
