using System.Buffers;
using System.IO.Pipelines;

namespace OpenChat.Api.Buffers;

/// <summary>
/// Writes into a <see cref="PipeWriter"/> one block at a time: the writer is asked for a block only when the one in
/// hand is full, and told what was written only on <see cref="Commit"/>. Kestrel's response writer takes a lock on
/// every <c>GetSpan</c> and <c>Advance</c>; a relay writing each upstream read's events through this one pays two per
/// read instead of two per event.
/// </summary>
internal sealed class BlockBufferWriter(PipeWriter inner) : IBufferWriter<byte>
{
    private Memory<byte> _block;
    private int _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _block.Length)
        {
            throw new InvalidOperationException("Cannot advance past the end of the block.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_block.Length - _written < Math.Max(sizeHint, 1))
        {
            Commit();
            _block = inner.GetMemory(sizeHint);
        }

        return _block[_written..];
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Hands what was written to the pipe; call before flushing it or writing to it directly.</summary>
    public void Commit()
    {
        if (_written > 0)
        {
            inner.Advance(_written);
        }

        _block = default;
        _written = 0;
    }
}
