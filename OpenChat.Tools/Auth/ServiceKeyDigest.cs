using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenChat.Tools.Auth;

/// <summary>
/// The configured service key, held only as its SHA-256 digest. A presented key is hashed and the digests are
/// compared in constant time, so the time taken says nothing about how close a guess was, not even its length.
/// </summary>
internal sealed class ServiceKeyDigest(IOptions<ServiceKeyOptions> options)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ServiceKey ?? ""));

    public bool Matches(string presentedKey) =>
        CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));
}
