using CsCheck;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>How bytes arrive from a socket: in reads of any size, so that whatever can straddle two reads does.</summary>
internal static class Reads
{
    /// <summary>Read sizes, used in turn; mostly tiny.</summary>
    public static readonly Gen<int[]> Sizes = Gen.Frequency((4, Gen.Int[1, 3]), (2, Gen.Int[4, 64]), (1, Gen.Int[65, 20_000])).Array[1, 12];

    /// <summary>
    /// Cuts the input into reads of the sizes, in turn. A long input is read in proportionally larger pieces, as a
    /// socket fills whole buffers: a 20 KB event in single bytes would cost the test, not the code, quadratic time.
    /// </summary>
    public static List<byte[]> Split(byte[] input, int[] sizes)
    {
        var scale = Math.Max(1, input.Length / 256);
        var reads = new List<byte[]>();
        for (var (offset, i) = (0, 0); offset < input.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length] * scale, input.Length - offset);
            reads.Add(input[offset..(offset + size)]);
            offset += size;
        }

        return reads;
    }
}
