using System.Text.Json;

namespace OpenChat.Web.Admin;

/// <summary>One upstream as <c>GET /admin/upstreams</c> describes it: where it is, what it serves and how it is doing.</summary>
internal sealed record UpstreamState(
    string Name,
    string? Host,
    IReadOnlyList<string>? Models,
    int? Priority,
    int? Weight,
    string? State,
    int? OutstandingRequests,
    JsonElement? CooldownUntil,
    string? LastError);

internal sealed record UpstreamList(IReadOnlyList<UpstreamState> Data);
