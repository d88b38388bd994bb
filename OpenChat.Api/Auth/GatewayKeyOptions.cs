namespace OpenChat.Api.Auth;

/// <summary>The keys clients present as <c>Authorization: Bearer</c>; bound from the <c>OpenChat</c> section.</summary>
internal sealed class GatewayKeyOptions
{
    public const string SectionName = "OpenChat";

    /// <summary>Keys that may call the gateway (<c>OpenChat:ApiKeys</c>).</summary>
    public List<string> ApiKeys { get; init; } = [];

    /// <summary>Keys that may also read every key's transcripts (<c>OpenChat:AdminKeys</c>); they are valid gateway keys too.</summary>
    public List<string> AdminKeys { get; init; } = [];
}
