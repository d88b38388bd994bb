using System.Text.Json;
using OpenChat.Web.Components.Common;
using OpenChat.Web.Gateway;

namespace OpenChat.Web.Admin;

/// <summary>
/// Usage per key, model and UTC day: <c>/admin/usage</c> for admins (every key, or one), <c>/v1/usage</c> for the
/// signed-in key's own.
/// </summary>
internal sealed class UsageClient(GatewayCaller caller)
{
    /// <summary>The usage of the UTC days from <paramref name="start"/> through <paramref name="end"/>, both whole.</summary>
    public async Task<IReadOnlyList<UsageRow>> GetAsync(DateOnly start, DateOnly end, bool asAdmin, string? keyId, CancellationToken cancellationToken)
    {
        var range = $"start={Format.Day(start)}&end={Format.Day(end)}";
        var path = asAdmin
            ? $"admin/usage?{range}" + (string.IsNullOrWhiteSpace(keyId) ? "" : $"&key_id={Uri.EscapeDataString(keyId.Trim())}")
            : $"v1/usage?{range}";
        var answer = await caller.GetAsync<JsonElement>(path, cancellationToken);
        return UsageJson.Read(answer);
    }
}
