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

    public static string New(DateTimeOffset createdAt)
    {
        Span<byte> bytes = stackalloc byte[14];
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], createdAt.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a completion id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length }
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).ContainsAnyExcept(s_lowerHex) is false;

    /// <summary>The smallest id created at <paramref name="time"/>: every id created before it sorts below.</summary>
    public static string LowerBound(DateTimeOffset time) => Prefix + time.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 16);
}
