namespace OpenChat.Api.Upstream;

/// <summary>
/// A chat request's body as sent upstream, which knows whether the handler has finished writing it. Over HTTP/1.1 the
/// whole body is written before the response is read, so it has been by the time the headers are in; over HTTP/2 the
/// headers may come first. The request stays referenced by its response to the end of the stream, so the content lets
/// go of the memory once written, or the memory would stay alive with the stream after its owner returned it.
/// </summary>
internal sealed class UpstreamBodyContent(ReadOnlyMemory<byte> body) : HttpContent
{
    private ReadOnlyMemory<byte> _body = body;
    private volatile bool _written;

    /// <summary>
    /// Lets go of the body of the request behind a response if the handler has written it whole; false while the
    /// handler may still be writing it. Call it once the send has returned: until then, the handler may write the body
    /// again (a retry on a new connection).
    /// </summary>
    public static bool TryLetGo(HttpResponseMessage response)
    {
        if (response.RequestMessage?.Content is not UpstreamBodyContent { _written: true } content)
        {
            return false;
        }

        content._body = default;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body, cancellationToken);
        _written = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
