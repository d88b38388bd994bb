using System.Globalization;
using OpenChat.Web.Gateway;

namespace OpenChat.Web.Admin;

/// <summary><c>/admin/keys</c>: list, create, update, rotate and revoke gateway keys (admin keys only).</summary>
internal sealed class KeysClient(GatewayCaller caller)
{
    public const int PageSize = 50;

    public Task<KeyList> ListAsync(string? after, CancellationToken cancellationToken)
    {
        var path = $"admin/keys?limit={PageSize.ToString(CultureInfo.InvariantCulture)}";
        if (after is not null)
        {
            path += $"&after={Uri.EscapeDataString(after)}";
        }

        return caller.GetAsync<KeyList>(path, cancellationToken);
    }

    /// <summary>Creates a key; the answer's <see cref="GatewayKey.Key"/> is its secret, shown once.</summary>
    public Task<GatewayKey> CreateAsync(KeyDraft draft, CancellationToken cancellationToken) =>
        caller.SendAsync<GatewayKey>(HttpMethod.Post, "admin/keys", draft.ToJson(forUpdate: false), cancellationToken);

    public Task<GatewayKey> UpdateAsync(string id, KeyDraft draft, CancellationToken cancellationToken) =>
        caller.SendAsync<GatewayKey>(HttpMethod.Patch, Path(id), draft.ToJson(forUpdate: true), cancellationToken);

    /// <summary>Replaces the key's secret; the answer's <see cref="GatewayKey.Key"/> is the new one, shown once.</summary>
    public Task<GatewayKey> RotateAsync(string id, CancellationToken cancellationToken) =>
        caller.SendAsync<GatewayKey>(HttpMethod.Post, Path(id) + "/rotate", null, cancellationToken);

    public Task RevokeAsync(string id, CancellationToken cancellationToken) =>
        caller.SendAsync(HttpMethod.Delete, Path(id), cancellationToken);

    private static string Path(string id) => $"admin/keys/{Uri.EscapeDataString(id)}";
}
