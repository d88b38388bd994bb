using System.Text;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>One HTTP/1.1 message read off a raw stream: its head and its Content-Length body (empty without one).</summary>
internal sealed record RawHttpMessage(string Head, byte[] Body)
{
    /// <summary>The next message on <paramref name="stream"/>, or null if the stream ends before it is whole.</summary>
    public static async Task<RawHttpMessage?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received], 0, headEnd);
        var lengthLine = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = received.GetRange(headEnd + 4, received.Count - headEnd - 4);
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - body.Count)), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return new RawHttpMessage(head, [.. body]);
    }

    private static int IndexOfHeadEnd(List<byte> received)
    {
        for (var i = 3; i < received.Count; i++)
        {
            if (received[i - 3] == '\r' && received[i - 2] == '\n' && received[i - 1] == '\r' && received[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }
}
