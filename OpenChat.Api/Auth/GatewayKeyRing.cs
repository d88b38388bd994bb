using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Auth;

/// <summary>
/// The configured gateway keys, held only as SHA-256 digests. A presented key's digest is compared with every
/// configured digest in constant time, so neither the comparison nor the number of keys tried leaks how close a
/// guess was. Configured keys run under the deployment's default limits.
/// </summary>
internal sealed class GatewayKeyRing
{
    private readonly (KeyDigest Digest, GatewayCaller Caller)[] _entries;

    public GatewayKeyRing(IOptions<GatewayKeyOptions> options)
    {
        var admin = options.Value.AdminKeys.Select(key => Entry(key, isAdmin: true));
        var regular = options.Value.ApiKeys
            .Where(key => !options.Value.AdminKeys.Contains(key, StringComparer.Ordinal))
            .Select(key => Entry(key, isAdmin: false));
        _entries = [.. admin, .. regular];
    }

    public bool TryAuthenticate(ReadOnlySpan<char> presentedKey, out GatewayCaller? caller) =>
        TryAuthenticate(KeyDigest.Of(presentedKey), out caller);

    public bool TryAuthenticate(KeyDigest presented, out GatewayCaller? caller)
    {
        caller = null;
        foreach (var entry in _entries)
        {
            // No early exit: every digest is compared whatever the outcome.
            if (entry.Digest.FixedTimeEquals(presented))
            {
                caller = entry.Caller;
            }
        }

        return caller is not null;
    }

    /// <summary>The public id of a configured key: <c>key_</c> and the first 12 hex digits of its SHA-256 digest.</summary>
    public static string KeyIdOf(string key) => KeyIdOf(KeyDigest.Of(key));

    private static string KeyIdOf(KeyDigest digest) => "key_" + digest.ToHex()[..12];

    private static (KeyDigest, GatewayCaller) Entry(string key, bool isAdmin)
    {
        var digest = KeyDigest.Of(key);
        return (digest, new GatewayCaller(KeyIdOf(digest), isAdmin));
    }
}
