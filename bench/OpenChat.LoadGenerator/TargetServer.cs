namespace OpenChat.LoadGenerator;

/// <summary>What a target's load is sent to, with the key it needs, and the process its cost is read from.</summary>
internal sealed record TargetServer(Uri Url, string? Key, ServiceProcess Process);
