using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary>
/// The one way the console reaches the Api: the named <see cref="HttpClientName"/> client, a gateway key as
/// <c>Authorization: Bearer</c> on each request, and failures turned into <see cref="GatewayException"/>.
/// </summary>
internal sealed class GatewayTransport(IHttpClientFactory clients)
{
    public const string HttpClientName = "api";

    /// <summary>The largest JSON answer read whole (a page of 100 transcripts fits many times over).</summary>
    private const long MaxJsonBytes = 32 * 1024 * 1024;

    /// <summary>Sends with the key and returns the response whatever its status; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(string key, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            return await clients.CreateClient(HttpClientName).SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new GatewayException(new GatewayError(502, $"The console cannot reach the Api: {exception.Message}", Code: "api_unreachable"));
        }
    }

    /// <summary>Sends and returns the response when it succeeded; otherwise throws with the Api's error.</summary>
    public async Task<HttpResponseMessage> SendOrThrowAsync(string key, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var response = await SendAsync(key, request, completion, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new GatewayException(await GatewayError.ReadAsync(response, cancellationToken));
        }
    }

    public async Task<T> SendJsonAsync<T>(string key, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: GatewayJson.Options);
        }

        using var response = await SendOrThrowAsync(key, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = new BoundedStream(await response.Content.ReadAsStreamAsync(cancellationToken), MaxJsonBytes);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, GatewayJson.Options, cancellationToken)
                ?? throw new JsonException("The answer was null.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException)
        {
            throw new GatewayException(new GatewayError((int)response.StatusCode, $"The Api's answer to {method} {path} could not be read: {exception.Message}", Code: "unreadable_answer"));
        }
    }
}
