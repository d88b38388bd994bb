using OpenChat.Web.Gateway;

namespace OpenChat.Web.Admin;

/// <summary><c>GET /admin/upstreams</c>: each upstream's state (admin keys only).</summary>
internal sealed class UpstreamsClient(GatewayCaller caller)
{
    public async Task<IReadOnlyList<UpstreamState>> ListAsync(CancellationToken cancellationToken) =>
        (await caller.GetAsync<UpstreamList>("admin/upstreams", cancellationToken)).Data;
}
