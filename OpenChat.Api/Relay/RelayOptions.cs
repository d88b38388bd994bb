namespace OpenChat.Api.Relay;

/// <summary>Size limits of the relay; bound from <c>OpenChat:Relay</c>.</summary>
internal sealed class RelayOptions
{
    public const string SectionName = "OpenChat:Relay";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest single upstream SSE event or non-streamed body the gateway will hold.</summary>
    public int MaxUpstreamEventBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most a completion may read from the upstream over all its rounds; past it the stream ends with an error event.</summary>
    public long MaxStreamBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The most of the answer's text kept for the transcript, telemetry and tool rounds; the rest still reaches the client.</summary>
    public int MaxContentBytes { get; set; } = 256 * 1024;
}
