namespace OpenChat.Api.Upstream;

/// <summary>One upstream as configured: its name, the configuration section it came from, and its options.</summary>
internal sealed record ConfiguredUpstream(string Name, string Key, UpstreamOptions Options);
