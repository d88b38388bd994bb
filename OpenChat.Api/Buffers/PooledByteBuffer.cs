using System.Buffers;

namespace OpenChat.Api.Buffers;

/// <summary>
/// A growable byte buffer over <see cref="ArrayPool{T}"/> arrays: request bodies, upstream bodies and
/// accumulated text live here instead of in fresh arrays per request. <see cref="Release"/> (and Dispose) returns the
/// array; a released buffer that is written again rents anew, at the initial capacity at least.
/// </summary>
internal sealed class PooledByteBuffer(int initialCapacity = 256) : IBufferWriter<byte>, IDisposable
{
    private const int MinimumCapacity = 16;

    private readonly int _initialCapacity = Math.Max(initialCapacity, MinimumCapacity);
    private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, MinimumCapacity));
    private int _length;

    public int Length => _length;

    /// <summary>The bytes the buffer holds from the pool, written or not.</summary>
    public int Capacity => _array.Length;

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_length + count > _array.Length)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Clear() => _length = 0;

    /// <summary>Empties the buffer and returns its array to the pool.</summary>
    public void Release()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _length = 0;
    }

    public void Dispose() => Release();

    private void Ensure(int sizeHint)
    {
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(_array.Length * 2, _initialCapacity)));
        _array.AsSpan(0, _length).CopyTo(larger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = larger;
    }
}
