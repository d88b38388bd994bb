using System.Buffers;

namespace OpenChat.Api.Sse;

/// <summary>
/// Writes events to the client in the plain form every SSE client reads: <c>data: ...</c> lines ending in
/// <c>\n</c> and a blank line after each event, whatever line endings the upstream used.
/// </summary>
internal static class SseWriter
{
    /// <summary>Larger events are written in pieces, so no writer needs a block that big.</summary>
    private const int MaxSingleSpanBytes = 16 * 1024;

    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name = default)
    {
        if (name.IsEmpty && TryWriteSingleLine(output, data))
        {
            return;
        }

        if (!name.IsEmpty)
        {
            Write(output, "event: "u8);
            Write(output, name);
            Write(output, "\n"u8);
        }

        // Data with line breaks (a multi-line event) goes out as several data lines, as it came in.
        while (true)
        {
            var lineEnd = data.IndexOf((byte)'\n');
            Write(output, "data: "u8);
            Write(output, lineEnd < 0 ? data : data[..lineEnd]);
            Write(output, "\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            data = data[(lineEnd + 1)..];
        }

        Write(output, "\n"u8);
    }

    public static void WriteDone(IBufferWriter<byte> output) => Write(output, "data: [DONE]\n\n"u8);

    /// <summary>
    /// The usual event, one data line, in a single span of the writer: each GetSpan/Advance on the response
    /// costs a lock and chunk bookkeeping, so one of each per event rather than four.
    /// </summary>
    private static bool TryWriteSingleLine(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        var length = "data: "u8.Length + data.Length + "\n\n"u8.Length;
        if (length > MaxSingleSpanBytes || data.Contains((byte)'\n'))
        {
            return false;
        }

        var span = output.GetSpan(length);
        "data: "u8.CopyTo(span);
        data.CopyTo(span["data: "u8.Length..]);
        "\n\n"u8.CopyTo(span[("data: "u8.Length + data.Length)..]);
        output.Advance(length);
        return true;
    }

    // Copies in pieces the writer's buffers can take, so a 1 MiB event needs no 1 MiB block.
    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => BuffersExtensions.Write(output, bytes);
}
