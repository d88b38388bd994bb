using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenChat.Api.Auth;

/// <summary>
/// The SHA-256 digest of a gateway key, the only form any key is kept in. A value type, so looking a presented
/// key up in the cache allocates nothing.
/// </summary>
internal readonly record struct KeyDigest(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public static KeyDigest Of(ReadOnlySpan<char> key)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        var utf8 = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], digest);
        return FromBytes(digest);
    }

    public static bool TryParseHex(string? hex, out KeyDigest digest)
    {
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        digest = default;
        if (hex is not { Length: SHA256.HashSizeInBytes * 2 } || Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        digest = FromBytes(bytes);
        return true;
    }

    /// <summary>Equality without an early exit, so a comparison takes as long however close a guess was.</summary>
    public bool FixedTimeEquals(KeyDigest other) =>
        ((Part0 ^ other.Part0) | (Part1 ^ other.Part1) | (Part2 ^ other.Part2) | (Part3 ^ other.Part3)) == 0;

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Part0);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Part1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], Part2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], Part3);
        return Convert.ToHexStringLower(bytes);
    }

    private static KeyDigest FromBytes(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
}
