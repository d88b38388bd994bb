using System.Buffers;

namespace OpenChat.Api.Buffers;

/// <summary>
/// A growable byte buffer that keeps at most <c>capacity</c> bytes of UTF-8 text: what is written past the cap is
/// dropped at a character boundary and <see cref="Truncated"/> says so. Writers never fail; the buffer simply
/// stops growing, so text that arrives piece by piece from a stranger is bounded. Its array comes from
/// <see cref="ArrayPool{T}"/>, since every completion has one; Dispose returns it.
/// </summary>
internal sealed class CappedByteBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = [];
    private byte[] _overflow = [];
    private int _length;
    private bool _writingOverflow;

    public int Capacity => capacity;

    public int WrittenCount => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Some text was dropped because the cap was reached.</summary>
    public bool Truncated { get; private set; }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (!Truncated && _length + sizeHint <= capacity)
        {
            _writingOverflow = false;
            Grow(_length + sizeHint);
            // A pooled array may be longer than asked for: the writer is offered no more than the cap.
            return _buffer.AsMemory(_length, Math.Min(_buffer.Length, capacity) - _length);
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
            _length += count;
            return;
        }

        _writingOverflow = false;
        if (count == 0 || Truncated)
        {
            Truncated |= count > 0;
            return;
        }

        var kept = Utf8Text.Prefix(_overflow.AsSpan(0, count), capacity - _length).Length;
        Grow(_length + kept);
        _overflow.AsSpan(0, kept).CopyTo(_buffer.AsSpan(_length));
        _length += kept;
        Truncated = kept < count;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _buffer, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _length = 0;
    }

    private void Grow(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(capacity, Math.Max(needed, Math.Max(256, _buffer.Length * 2))));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
