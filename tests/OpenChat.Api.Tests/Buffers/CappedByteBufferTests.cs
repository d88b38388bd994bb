using System.Text;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Tests.Buffers;

public sealed class CappedByteBufferTests
{
    [Fact]
    public void Offers_no_room_past_its_cap_though_its_pooled_array_is_longer()
    {
        // The pool hands out arrays in powers of two: the 300-byte cap sits in a 512-byte array.
        using var buffer = new CappedByteBuffer(capacity: 300);
        Write(buffer, new string('a', 290));

        var room = buffer.GetSpan(5);
        room.Fill((byte)'b');
        buffer.Advance(room.Length);
        Write(buffer, "c");

        Assert.Equal(10, room.Length);
        Assert.Equal(300, buffer.WrittenCount);
        Assert.True(buffer.Truncated);
        Assert.Equal(new string('a', 290) + new string('b', 10), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Keeps_what_was_written_across_growing_and_nothing_once_disposed()
    {
        var buffer = new CappedByteBuffer(capacity: 64 * 1024);
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},"));
        Write(buffer, text);
        var kept = Encoding.UTF8.GetString(buffer.WrittenSpan);

        buffer.Dispose();
        buffer.Dispose();

        Assert.Equal(text, kept);
        Assert.Equal(0, buffer.WrittenCount);
    }

    private static void Write(CappedByteBuffer buffer, string text)
    {
        foreach (var piece in text.Chunk(7))
        {
            var bytes = Encoding.UTF8.GetBytes(piece);
            bytes.CopyTo(buffer.GetSpan(bytes.Length));
            buffer.Advance(bytes.Length);
        }
    }
}
