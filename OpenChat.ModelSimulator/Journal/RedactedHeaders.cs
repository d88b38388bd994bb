using System.Buffers;

namespace OpenChat.ModelSimulator.Journal;

/// <summary>
/// Request headers as the journal keeps them: a header whose name says it carries a credential
/// (<c>Authorization</c>, <c>Proxy-Authorization</c>, <c>api-key</c>, <c>Cookie</c>, anything with key, token,
/// secret, password or credential in its name) keeps its name and loses its value, so the journal and its
/// HTTP listing show that a credential arrived and never what it was.
/// </summary>
public static class RedactedHeaders
{
    public const string Redacted = "[redacted]";

    private static readonly string[] s_secretWords = ["auth", "cookie", "key", "token", "secret", "password", "credential"];

    private static readonly SearchValues<char> s_schemeLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-");

    public static IReadOnlyDictionary<string, string> Of(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            kept[name] = IsSecret(name) ? Redact(name, value) : value;
        }

        return kept;
    }

    public static bool IsSecret(string name) => s_secretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    // An authorization header keeps its scheme ("Bearer", "Basic"): tests still see how the key was presented.
    private static string Redact(string name, string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var hasScheme = name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase)
            && space > 0
            && !value.AsSpan(0, space).ContainsAnyExcept(s_schemeLetters);
        return hasScheme ? $"{value[..space]} {Redacted}" : Redacted;
    }
}
