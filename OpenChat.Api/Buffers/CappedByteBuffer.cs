using System.Buffers;

namespace OpenChat.Api.Buffers;

/// <summary>
/// A growable byte buffer that keeps at most <c>capacity</c> bytes of UTF-8 text: what is written past the cap is
/// dropped at a character boundary and <see cref="Truncated"/> says so. Writers never fail; the buffer simply
/// stops growing, so text that arrives piece by piece from a stranger is bounded. What it keeps lives in a
/// <see cref="PooledByteBuffer"/>, since every completion has one; Dispose returns its array.
/// </summary>
internal sealed class CappedByteBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private readonly PooledByteBuffer _kept = new(Math.Min(capacity, 256));
    private byte[] _overflow = [];
    private bool _writingOverflow;

    public int Capacity => capacity;

    public int WrittenCount => _kept.Length;

    public ReadOnlySpan<byte> WrittenSpan => _kept.WrittenSpan;

    /// <summary>Some text was dropped because the cap was reached.</summary>
    public bool Truncated { get; private set; }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        sizeHint = Math.Max(sizeHint, 1);
        var room = capacity - _kept.Length;
        if (!Truncated && sizeHint <= room)
        {
            _writingOverflow = false;
            // A pooled array may be longer than asked for: the writer is offered no more than the cap.
            var memory = _kept.GetMemory(sizeHint);
            return memory[..Math.Min(memory.Length, room)];
        }

        // Past the cap: the writer gets a scratch area, and Advance keeps only what still fits.
        _writingOverflow = true;
        if (_overflow.Length < sizeHint)
        {
            _overflow = new byte[Math.Max(sizeHint, 256)];
        }

        return _overflow;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        if (!_writingOverflow)
        {
            _kept.Advance(count);
            return;
        }

        _writingOverflow = false;
        if (count == 0 || Truncated)
        {
            Truncated |= count > 0;
            return;
        }

        var kept = Utf8Text.Prefix(_overflow.AsSpan(0, count), capacity - _kept.Length);
        _kept.Write(kept);
        Truncated = kept.Length < count;
    }

    public void Dispose() => _kept.Dispose();
}
