namespace OpenChat.Api.Relay;

/// <summary>Size limits of the relay; bound from <c>OpenChat:Relay</c>.</summary>
internal sealed class RelayOptions
{
    public const string SectionName = "OpenChat:Relay";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest single upstream SSE event or non-streamed body the gateway will hold.</summary>
    public int MaxUpstreamEventBytes { get; set; } = 16 * 1024 * 1024;
}
