using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Protocol;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// The names a server's tools are offered by: <c>&lt;prefix&gt;__&lt;tool&gt;</c>, made into a valid function name
/// by one predictable rule. Every character other than a letter, digit, <c>_</c> or <c>-</c> becomes <c>_</c>; a
/// name still longer than 64 characters keeps its first 55 and ends in <c>_</c> and 8 hex digits of the SHA-256 of
/// the server's own tool name, so long names that start alike stay apart. When two tools still come out the same,
/// the one whose own name sorts first (ordinally) keeps it and the others are left out.
/// </summary>
internal static class ExternalToolNames
{
    public const string Separator = "__";

    private const int MaxLength = 64;
    private const int HashHexDigits = 8;

    /// <summary>Each tool with the name it is offered by, and the names of the tools left out by a clash.</summary>
    public static (IReadOnlyList<(string Name, Tool Tool)> Offered, IReadOnlyList<string> Clashing) Map(string prefix, IEnumerable<Tool> tools)
    {
        var offered = new Dictionary<string, Tool>(StringComparer.Ordinal);
        var clashing = new List<string>();
        foreach (var tool in tools.OrderBy(tool => tool.Name, StringComparer.Ordinal))
        {
            if (!offered.TryAdd(NameFor(prefix, tool.Name), tool))
            {
                clashing.Add(tool.Name);
            }
        }

        return ([.. offered.Select(entry => (entry.Key, entry.Value))], clashing);
    }

    public static string NameFor(string prefix, string toolName)
    {
        var name = new StringBuilder(prefix.Length + Separator.Length + toolName.Length).Append(prefix).Append(Separator);
        foreach (var character in toolName)
        {
            name.Append(char.IsAsciiLetterOrDigit(character) || character is '_' or '-' ? character : '_');
        }

        if (name.Length <= MaxLength)
        {
            return name.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(toolName)))[..HashHexDigits];
        return $"{name.ToString(0, MaxLength - HashHexDigits - 1)}_{hash}";
    }
}
