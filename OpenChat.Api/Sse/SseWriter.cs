using System.Buffers;

namespace OpenChat.Api.Sse;

/// <summary>
/// Writes events to the client in the plain form every SSE client reads: <c>data: ...</c> lines ending in
/// <c>\n</c> and a blank line after each event, whatever line endings the upstream used.
/// </summary>
public static class SseWriter
{
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name = default)
    {
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

    // Copies in pieces the writer's buffers can take, so a 1 MiB event needs no 1 MiB block.
    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => BuffersExtensions.Write(output, bytes);
}
