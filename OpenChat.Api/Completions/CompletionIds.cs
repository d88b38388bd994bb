using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OpenChat.Api.Completions;

/// <summary>
/// Ids of completions (and their transcripts): <c>tr_</c>, the creation time in milliseconds as 12 hex digits,
/// then 16 random hex digits. Ordinal order is creation order, which the transcript index pages by.
/// </summary>
internal static class CompletionIds
{
    private static readonly System.Buffers.SearchValues<char> s_lowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public const string Prefix = "tr_";
    public const int Length = 3 + 12 + 16;

    private const int RandomBytes = 8;

    // Each call into the system's generator (OpenSSL) costs a few microseconds and a getpid for its fork check, so
    // every thread draws random bytes for 64 ids at once; each byte still goes into one id only.
    private const int RandomBytesPerDraw = RandomBytes * 64;

    [ThreadStatic]
    private static byte[]? t_randomBytes;

    [ThreadStatic]
    private static int t_randomBytesUsed;

    public static string New(DateTimeOffset createdAt)
    {
        Span<byte> bytes = stackalloc byte[6 + RandomBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], createdAt.ToUnixTimeMilliseconds() << 16);
        NextRandomBytes().CopyTo(bytes[6..]);
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    private static ReadOnlySpan<byte> NextRandomBytes()
    {
        var drawn = t_randomBytes ??= new byte[RandomBytesPerDraw];
        if (t_randomBytesUsed is 0 or RandomBytesPerDraw)
        {
            RandomNumberGenerator.Fill(drawn);
            t_randomBytesUsed = 0;
        }

        var next = drawn.AsSpan(t_randomBytesUsed, RandomBytes);
        t_randomBytesUsed += RandomBytes;
        return next;
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a completion id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length }
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).ContainsAnyExcept(s_lowerHex) is false;

    /// <summary>The smallest id created at <paramref name="time"/>: every id created before it sorts below.</summary>
    public static string LowerBound(DateTimeOffset time) => Prefix + time.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 16);
}
