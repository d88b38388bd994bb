using System.Buffers;
using System.Runtime.InteropServices;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Tests.Buffers;

public sealed class PooledByteBufferTests
{
    [Fact]
    public void Release_returns_the_array_to_the_pool_and_empties_the_buffer()
    {
        var buffer = new PooledByteBuffer(1024);
        buffer.Write("first"u8);
        Assert.True(MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var held));

        buffer.Release();

        Assert.Equal(0, buffer.Length);
        Assert.Equal(0, buffer.Capacity);
        // The shared pool hands a thread back the array it returned last for that size.
        var rented = ArrayPool<byte>.Shared.Rent(1024);
        Assert.Same(held.Array, rented);
        ArrayPool<byte>.Shared.Return(rented);
    }

    [Fact]
    public void A_released_buffer_written_again_rents_at_its_initial_capacity()
    {
        using var buffer = new PooledByteBuffer(3000);
        buffer.Write("first"u8);
        buffer.Release();

        buffer.Write("second"u8);

        Assert.Equal("second"u8.ToArray(), buffer.WrittenSpan.ToArray());
        Assert.True(buffer.Capacity >= 3000, $"rented {buffer.Capacity} bytes");
    }

    [Fact]
    public void Growing_keeps_what_was_written()
    {
        using var buffer = new PooledByteBuffer(16);
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        buffer.Write(bytes.AsSpan(0, 10));
        buffer.Write(bytes.AsSpan(10));

        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
    }
}
