using System.Buffers;

namespace OpenChat.Api.Buffers;

internal static class BufferWriterExtensions
{
    /// <summary>
    /// Writes the bytes through one span, where <see cref="BuffersExtensions.Write{T}"/> may split them over several:
    /// a writer that keeps only part of them (<see cref="CappedByteBuffer"/>) then cuts them at a character boundary.
    /// </summary>
    public static void WriteWhole(this IBufferWriter<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination.GetSpan(bytes.Length));
        destination.Advance(bytes.Length);
    }
}
