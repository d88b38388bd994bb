using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// An upstream that answers every request with a chunked SSE response holding the given events, then closes
/// the connection cleanly (FIN) without the final chunk: the stream is cut after those events, always at the
/// same point, unlike a reset whose timing decides what the reader sees.
/// </summary>
public sealed class TruncatingUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _events;
    private readonly Task _serving;

    public TruncatingUpstream(params string[] events)
    {
        _events = events;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");
        _serving = ServeAsync();
    }

    public Uri BaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await AnswerAsync(client.GetStream(), _stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // The request read whole (or the Api gone), so closing leaves nothing unread.
        _ = await RawHttpMessage.ReadAsync(stream, cancellationToken);
        var response = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        foreach (var data in _events)
        {
            var sseEvent = $"data: {data}\n\n";
            response.Append(CultureInfoInvariant($"{Encoding.UTF8.GetByteCount(sseEvent):x}\r\n{sseEvent}\r\n"));
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(response.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static string CultureInfoInvariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
