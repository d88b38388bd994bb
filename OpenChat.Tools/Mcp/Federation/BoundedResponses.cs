namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// Bounds what an external server can make this service hold: a JSON response body, or one event of an event
/// stream (a stream itself may stay open for ever), is read only up to <paramref name="maxBytes"/>. Past that,
/// reading throws <see cref="ResponseTooLargeException"/>, which the MCP client passes on to the call that waited.
/// </summary>
internal sealed class BoundedResponses(int maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var original = response.Content;
        var perEvent = original.Headers.ContentType?.MediaType == "text/event-stream";
        var bounded = new StreamContent(new BoundedReadStream(await original.ReadAsStreamAsync(cancellationToken), maxBytes, perEvent));
        foreach (var header in original.Headers)
        {
            bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = bounded;
        return response;
    }
}
