using System.Buffers;
using System.IO.Pipelines;
using OpenChat.ModelSimulator.Script;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// Writes SSE events to the response and flushes each one, in the framing the script asks for: the line
/// ending, comment lines before events, and events written in small pieces so readers see them split.
/// </summary>
public sealed class SseEventOutput(PipeWriter output, SimulatorScript script, CancellationToken cancellationToken)
{
    private const int SplitPieceBytes = 7;

    private readonly byte[] _lineEnding = script.LineEnding switch
    {
        "crlf" => "\r\n"u8.ToArray(),
        "cr" => "\r"u8.ToArray(),
        _ => "\n"u8.ToArray(),
    };

    private readonly ArrayBufferWriter<byte> _data = new(512);
    private readonly ArrayBufferWriter<byte> _framed = new(512);

    /// <summary>Events written so far.</summary>
    public int Count { get; private set; }

    /// <summary>A buffer for the next event's data, cleared.</summary>
    public IBufferWriter<byte> Data
    {
        get
        {
            _data.ResetWrittenCount();
            return _data;
        }
    }

    /// <summary>Writes what was put into <see cref="Data"/> as one event and flushes it.</summary>
    public ValueTask WriteDataAsync() => FlushEventAsync(_data.WrittenSpan);

    public ValueTask WriteDoneAsync() => FlushEventAsync("[DONE]"u8);

    private ValueTask FlushEventAsync(ReadOnlySpan<byte> data)
    {
        Count++;
        if (!script.SplitWrites)
        {
            Frame(output, data);
            return FlushAsync();
        }

        _framed.ResetWrittenCount();
        Frame(_framed, data);
        return FlushInPiecesAsync();
    }

    private void Frame(IBufferWriter<byte> destination, ReadOnlySpan<byte> data)
    {
        if (script.Comments)
        {
            destination.Write(": ping"u8);
            destination.Write(_lineEnding);
        }

        destination.Write("data: "u8);
        destination.Write(data);
        destination.Write(_lineEnding);
        destination.Write(_lineEnding);
    }

    private async ValueTask FlushAsync() => await output.FlushAsync(cancellationToken);

    // Pieces of a few bytes, each flushed: every event reaches the reader across several reads.
    private async ValueTask FlushInPiecesAsync()
    {
        var framed = _framed.WrittenMemory;
        for (var offset = 0; offset < framed.Length; offset += SplitPieceBytes)
        {
            output.Write(framed.Span.Slice(offset, Math.Min(SplitPieceBytes, framed.Length - offset)));
            await output.FlushAsync(cancellationToken);
        }
    }
}
