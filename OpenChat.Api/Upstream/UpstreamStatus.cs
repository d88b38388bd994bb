using System.Text.Json.Serialization;

namespace OpenChat.Api.Upstream;

/// <summary>One upstream as <c>GET /admin/upstreams</c> shows it: where it is (host only, never credentials), what it serves, and how it is doing.</summary>
internal sealed record UpstreamStatus(
    string Name,
    string Host,
    IReadOnlyList<string> Models,
    int Priority,
    double Weight,
    int? MaxConcurrentRequests,
    string State,
    int Outstanding,
    DateTimeOffset? CooldownUntil,
    int ConsecutiveFailures,
    string? LastError);

/// <summary>The list <c>GET /admin/upstreams</c> answers with, in OpenAI's list shape.</summary>
internal sealed record UpstreamStatusList(IReadOnlyList<UpstreamStatus> Data)
{
    [JsonPropertyName("object")]
    public string Kind { get; } = "list";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UpstreamStatusList))]
internal sealed partial class UpstreamStatusJsonContext : JsonSerializerContext;
