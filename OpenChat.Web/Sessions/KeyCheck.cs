using System.Net;
using OpenChat.Web.Gateway;

namespace OpenChat.Web.Sessions;

/// <summary>
/// Asks the Api what a key may do: a key that lists <c>/v1/models</c> is a gateway key; one that may also list
/// <c>/admin/keys</c> is an admin key. A 403 there, or a 404 from an Api without admin endpoints, means not admin.
/// </summary>
internal sealed class KeyCheck(GatewayTransport transport, ILogger<KeyCheck> logger)
{
    public async Task<KeyCheckResult> CheckAsync(string key, CancellationToken cancellationToken)
    {
        using (var models = await SendAsync(key, "v1/models", cancellationToken))
        {
            if (models.StatusCode == HttpStatusCode.Unauthorized)
            {
                return KeyCheckResult.Refused;
            }

            if (!models.IsSuccessStatusCode)
            {
                return KeyCheckResult.Failed(await GatewayError.ReadAsync(models, cancellationToken));
            }
        }

        using var admin = await SendAsync(key, "admin/keys?limit=1", cancellationToken);
        if (admin.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
        {
            SessionLog.AdminCheckUnexpected(logger, (int)admin.StatusCode);
        }

        return KeyCheckResult.Accepted(admin.StatusCode == HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await transport.SendAsync(key, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}

/// <summary>The outcome of a <see cref="KeyCheck"/>: accepted (and whether as admin), refused, or an error to show.</summary>
internal sealed record KeyCheckResult(bool IsAccepted, bool IsAdmin, GatewayError? Error)
{
    public static KeyCheckResult Refused { get; } = new(false, false, null);

    public static KeyCheckResult Accepted(bool isAdmin) => new(true, isAdmin, null);

    public static KeyCheckResult Failed(GatewayError error) => new(false, false, error);
}
