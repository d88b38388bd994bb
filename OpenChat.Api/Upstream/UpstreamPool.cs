using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

/// <summary>Every configured upstream, in configuration order, built once for the life of the process.</summary>
internal sealed class UpstreamPool(
    IOptions<UpstreamSetOptions> upstreams, IOptions<RoutingOptions> routing, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    public IReadOnlyList<UpstreamClient> All { get; } =
        [.. upstreams.Value.Upstreams.Select(configured => new UpstreamClient(configured, routing.Value, httpClientFactory, timeProvider))];
}
