namespace OpenChat.Tools.Auth;

/// <summary>The key every caller of <c>/tools</c> and <c>/mcp</c> presents; bound from <c>OpenChat:Tools</c>.</summary>
internal sealed class ServiceKeyOptions
{
    public const string SectionName = "OpenChat:Tools";

    /// <summary>Sent by the Api as <c>Authorization: Bearer &lt;key&gt;</c>; the AppHost generates it.</summary>
    public string? ServiceKey { get; set; }
}
