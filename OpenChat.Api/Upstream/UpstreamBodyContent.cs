namespace OpenChat.Api.Upstream;

/// <summary>
/// A chat request's body as sent upstream, which says whether the handler has finished writing it. Over HTTP/1.1 the
/// whole body is written before the response is read, so it has been by the time the headers are in; over HTTP/2 the
/// headers may come first. Until it has, the memory must stay as it is.
/// </summary>
internal sealed class UpstreamBodyContent(ReadOnlyMemory<byte> body) : HttpContent
{
    private volatile bool _written;

    /// <summary>The body of the request behind a response has been written whole, and nothing will read it again.</summary>
    public static bool HasBeenWritten(HttpResponseMessage response) =>
        response.RequestMessage?.Content is UpstreamBodyContent { _written: true };

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body, cancellationToken);
        _written = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
