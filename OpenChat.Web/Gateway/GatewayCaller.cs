using OpenChat.Web.Sessions;

namespace OpenChat.Web.Gateway;

/// <summary>Calls the Api as the signed-in user of this circuit, with the key of their session.</summary>
internal sealed class GatewayCaller(GatewayTransport transport, SessionKey session)
{
    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        await transport.SendJsonAsync<T>(await session.GetAsync(), method, path, body, cancellationToken);

    /// <summary>Sends a request whose answer needs no reading (a deletion), and throws if it failed.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await OpenAsync(request, cancellationToken);
    }

    /// <summary>Sends and returns as soon as the headers are in, for a body read as it streams; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> OpenAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await transport.SendOrThrowAsync(await session.GetAsync(), request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
