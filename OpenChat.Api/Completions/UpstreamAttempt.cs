namespace OpenChat.Api.Completions;

/// <summary>
/// One call to one upstream: which upstream (its configured name), in which round of the tool loop, the HTTP
/// status it answered (null when no response came), how long it took (to the last byte when it was the one that
/// served), and the error code when it failed.
/// </summary>
internal sealed record UpstreamAttempt(int Round, string Upstream, int? Status, TimeSpan Duration, string? ErrorCode);
