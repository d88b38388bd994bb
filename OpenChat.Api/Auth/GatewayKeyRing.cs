using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Auth;

/// <summary>
/// The configured gateway keys, held only as SHA-256 digests. A presented key is hashed and compared with
/// every digest in constant time, so neither the comparison nor the number of keys tried leaks how close a
/// guess was.
/// </summary>
internal sealed class GatewayKeyRing
{
    private readonly Entry[] _entries;

    public GatewayKeyRing(IOptions<GatewayKeyOptions> options)
    {
        var admin = options.Value.AdminKeys.Select(key => new Entry(Digest(key), IsAdmin: true));
        var regular = options.Value.ApiKeys
            .Where(key => !options.Value.AdminKeys.Contains(key, StringComparer.Ordinal))
            .Select(key => new Entry(Digest(key), IsAdmin: false));
        _entries = [.. admin, .. regular];
    }

    public bool TryAuthenticate(ReadOnlySpan<char> presentedKey, out GatewayCaller? caller)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(presentedKey, presented);

        Entry? match = null;
        foreach (var entry in _entries)
        {
            // No early exit: every digest is compared whatever the outcome.
            if (CryptographicOperations.FixedTimeEquals(entry.Digest, presented))
            {
                match = entry;
            }
        }

        caller = match is null ? null : new GatewayCaller(KeyIdOf(match.Digest), match.IsAdmin);
        return caller is not null;
    }

    /// <summary>The public id of a key: <c>key_</c> and the first 12 hex digits of its SHA-256 digest.</summary>
    public static string KeyIdOf(string key) => KeyIdOf(Digest(key));

    private static string KeyIdOf(byte[] digest) => "key_" + Convert.ToHexStringLower(digest.AsSpan(0, 6));

    private static byte[] Digest(string key)
    {
        var digest = new byte[SHA256.HashSizeInBytes];
        Digest(key, digest);
        return digest;
    }

    private static void Digest(ReadOnlySpan<char> key, Span<byte> destination)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        var utf8 = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..written], destination);
    }

    private sealed record Entry(byte[] Digest, bool IsAdmin);
}
