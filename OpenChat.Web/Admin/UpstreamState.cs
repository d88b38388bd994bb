namespace OpenChat.Web.Admin;

/// <summary>One upstream as <c>GET /admin/upstreams</c> describes it: where it is, what it serves and how it is doing.</summary>
internal sealed record UpstreamState(
    string Name,
    string? Host,
    IReadOnlyList<string>? Models,
    int? Priority,
    double? Weight,
    int? MaxConcurrentRequests,
    string? State,
    int? Outstanding,
    DateTimeOffset? CooldownUntil,
    int? ConsecutiveFailures,
    string? LastError);

internal sealed record UpstreamList(IReadOnlyList<UpstreamState> Data);
