using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OpenChat.LoadGenerator;

/// <summary>
/// Sends streaming completions and reads each answer incrementally, noting when the first content chunk
/// arrives and when the stream ends. The same client measures the simulator directly and each relay in front
/// of it.
/// </summary>
internal sealed class StreamingClient : IDisposable
{
    private static readonly byte[] s_contentMarker = "\"content\":\""u8.ToArray();
    private static readonly byte[] s_done = "data: [DONE]"u8.ToArray();

    private readonly HttpClient _http;
    private readonly Uri _completions;
    private readonly byte[] _body;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly int _delayMs;

    public StreamingClient(Uri baseUrl, string? key, int tokens, int delayMs, bool askForUsage)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _completions = new Uri(baseUrl, "/v1/chat/completions");
        _authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        _delayMs = delayMs;
        var script = $$"""#sim {\"tokens\":{{tokens}},\"delay_ms\":{{delayMs}},\"ttft_ms\":{{delayMs}}}\nbenchmark""";
        var usage = askForUsage ? ""","stream_options":{"include_usage":true}""" : "";
        _body = Encoding.UTF8.GetBytes($$"""{"model":"gpt-4o-mini","stream":true{{usage}},"messages":[{"role":"user","content":"{{script}}"}]}""");
    }

    public async Task<StreamResult> RunAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        // Requests sent back to back would arrive in step with the simulator's token clock (each stream ends on
        // one of its steps), so every request would meet its timers at the same phase and the measured time to
        // first token would depend on that phase rather than on the path. Real clients arrive at random.
        if (_delayMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _delayMs), cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = new ByteArrayContent(_body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = _authorization;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return default;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await ReadEventsAsync(stream, buffer, started, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return default;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<StreamResult> ReadEventsAsync(Stream stream, byte[] buffer, long started, CancellationToken cancellationToken)
    {
        double firstContent = -1;
        var pending = 0;
        while (true)
        {
            if (pending == buffer.Length)
            {
                return default;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(pending), cancellationToken);
            if (read == 0)
            {
                return default;
            }

            pending += read;
            var consumed = 0;
            int end;
            while ((end = buffer.AsSpan(consumed, pending - consumed).IndexOf("\n\n"u8)) >= 0)
            {
                var sseEvent = buffer.AsSpan(consumed, end);
                consumed += end + 2;
                if (sseEvent.StartsWith(s_done))
                {
                    return new StreamResult(true, firstContent, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                if (firstContent < 0 && HasContent(sseEvent))
                {
                    firstContent = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }

            buffer.AsSpan(consumed, pending - consumed).CopyTo(buffer);
            pending -= consumed;
        }
    }

    /// <summary>A delta with text in it: <c>"content":"x</c>, not the role chunk's empty <c>"content":""</c>.</summary>
    private static bool HasContent(ReadOnlySpan<byte> sseEvent)
    {
        var at = sseEvent.IndexOf(s_contentMarker);
        var next = at + s_contentMarker.Length;
        return at >= 0 && next < sseEvent.Length && sseEvent[next] != (byte)'"';
    }
}
