using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenChat.LoadGenerator;

/// <summary>
/// A stand-in for an OpenTelemetry collector (unless <c>--otlp off</c>): it accepts OTLP over HTTP in protobuf, as the
/// deployment's collector does, counts the spans and bytes it is sent and throws them away, so the Api pays what
/// exporting costs it while the collector's own work stays as small as it can be on the shared cores.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;
    private long _spans;

    private OtlpSink(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<OtlpSink> StartAsync(CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new OtlpSink(app, url);
        app.MapPost("/v1/{signal}", sink.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        return sink;
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"The OTLP sink received {Interlocked.Read(ref _spans):N0} spans in {Interlocked.Read(ref _requests):N0} exports ({Interlocked.Read(ref _bytes) / 1e6:0.0} MB, metrics and logs included).");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context, string signal)
    {
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAsync(context.RequestAborted);
        while (!read.IsCompleted)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(context.RequestAborted);
        }

        var body = read.Buffer;
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytes, body.Length);
        if (signal == "traces")
        {
            Interlocked.Add(ref _spans, CountSpans(body));
        }

        reader.AdvanceTo(body.End);
        context.Response.ContentType = "application/x-protobuf";
    }

    /// <summary>
    /// Spans in an <c>ExportTraceServiceRequest</c>: its resource spans (field 1), their scope spans (field 2) and
    /// theirs (field 2), read from the protobuf wire format without the generated types.
    /// </summary>
    private static long CountSpans(in ReadOnlySequence<byte> body)
    {
        ReadOnlyMemory<byte> message = body.ToArray();
        long spans = 0;
        foreach (var resourceSpans in Fields(message, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                spans += Fields(scopeSpans, 2).Count();
            }
        }

        return spans;
    }

    /// <summary>The length-delimited values of one field number in a message; other fields are skipped.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message.Span, ref at);
            var wireType = key & 7;
            var length = wireType switch
            {
                0 => 0,
                1 => 8,
                2 => (int)Varint(message.Span, ref at),
                5 => 4,
                _ => throw new InvalidDataException($"Protobuf wire type {wireType} is not one OTLP uses."),
            };
            if (wireType == 0)
            {
                Varint(message.Span, ref at);
            }
            else if (wireType == 2 && (int)(key >> 3) == number)
            {
                yield return message.Slice(at, length);
            }

            at += length;
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = bytes[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }
}
