using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

/// <summary>Every configured upstream, in configuration order, built once for the life of the process.</summary>
internal sealed class UpstreamPool(
    IOptions<UpstreamSetOptions> upstreams, IOptions<RoutingOptions> routing, IHttpMessageHandlerFactory handlers, TimeProvider timeProvider)
    : IDisposable
{
    private readonly UpstreamClient[] _all =
        [.. upstreams.Value.Upstreams.Select(configured => new UpstreamClient(configured, routing.Value, handlers, timeProvider))];

    public IReadOnlyList<UpstreamClient> All => _all;

    public void Dispose()
    {
        foreach (var upstream in _all)
        {
            upstream.Dispose();
        }
    }
}
