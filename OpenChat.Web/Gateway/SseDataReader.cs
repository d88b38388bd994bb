using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenChat.Web.Gateway;

/// <summary>
/// The <c>data:</c> payloads of a Server-Sent Events body, one per event, as each event completes. Lines longer
/// than <see cref="MaxLineBytes"/> fail the stream instead of growing the buffer.
/// </summary>
internal sealed class SseDataReader(Stream body)
{
    public const int MaxLineBytes = 4 * 1024 * 1024;

    public async IAsyncEnumerable<string> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body);
        var data = new StringBuilder();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var events = new List<string>();
                while (TryReadLine(ref buffer, out var line))
                {
                    if (line.Length == 0)
                    {
                        if (data.Length > 0)
                        {
                            events.Add(data.ToString());
                            data.Clear();
                        }
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        if (data.Length > 0)
                        {
                            data.Append('\n');
                        }

                        data.Append(line.AsSpan(line.StartsWith("data: ", StringComparison.Ordinal) ? 6 : 5));
                        if (data.Length > MaxLineBytes)
                        {
                            throw TooLarge();
                        }
                    }
                }

                if (buffer.Length > MaxLineBytes)
                {
                    throw TooLarge();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var item in events)
                {
                    yield return item;
                }

                if (result.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static GatewayException TooLarge() =>
        new(new GatewayError(GatewayError.MidStream, $"An event of the stream is longer than {MaxLineBytes} bytes.", Code: "event_too_large"));

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out string line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = "";
            return false;
        }

        var bytes = buffer.Slice(0, end);
        line = Encoding.UTF8.GetString(bytes).TrimEnd('\r');
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }
}
