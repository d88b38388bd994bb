namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// Whether the client has heard the assistant's <c>role</c>: the gateway makes sure the first chunk with a
/// choice carries it and no later chunk repeats it, however the upstream and the tool rounds announce it.
/// </summary>
internal enum ClientRole
{
    /// <summary>Several choices: the upstream's announcements pass through as they are.</summary>
    Unmanaged,

    Pending,

    Sent,
}
