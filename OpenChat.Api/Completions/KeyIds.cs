using System.Buffers;

namespace OpenChat.Api.Completions;

/// <summary>The ids of gateway keys: <c>key_</c> and 12 lowercase hex digits, configured and managed keys alike.</summary>
internal static class KeyIds
{
    public const string Prefix = "key_";
    public const int Length = 16;

    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept(s_lowerHex);
}
