using System.Security.Cryptography;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Auth;

/// <summary>New secrets and ids for managed keys.</summary>
internal static class ManagedKeySecrets
{
    public const string SecretPrefix = "sk-oc-";

    /// <summary>A secret of 256 random bits, so its unsalted digest is as hard to reverse as the secret is to guess.</summary>
    public static string NewSecret() => SecretPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>An id in the form configured keys have: <c>key_</c> and 12 hex digits, here random.</summary>
    public static string NewId() => KeyIds.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
