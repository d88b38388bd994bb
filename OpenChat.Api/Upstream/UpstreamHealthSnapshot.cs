namespace OpenChat.Api.Upstream;

/// <summary>One upstream's health at one moment.</summary>
internal readonly record struct UpstreamHealthSnapshot(UpstreamState State, DateTimeOffset? OutUntil, int ConsecutiveFailures, string? LastError);
