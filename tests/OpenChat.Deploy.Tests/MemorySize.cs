using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenChat.Deploy.Tests;

/// <summary>Memory sizes in bytes, as each tool writes them.</summary>
internal static partial class MemorySize
{
    /// <summary>A Kubernetes quantity: <c>512Mi</c>, <c>1Gi</c>, <c>500M</c>.</summary>
    public static long FromKubernetes(string quantity) => Parse(quantity, new Dictionary<string, long>
    {
        [""] = 1, ["k"] = 1000, ["M"] = 1000_000, ["G"] = 1000_000_000, ["Ki"] = 1L << 10, ["Mi"] = 1L << 20, ["Gi"] = 1L << 30,
    });

    /// <summary>A Redis size: <c>512mb</c> is 512 × 1024², <c>512m</c> is 512 × 1000².</summary>
    public static long FromRedis(string size) => Parse(size.ToLowerInvariant(), new Dictionary<string, long>
    {
        [""] = 1, ["k"] = 1000, ["m"] = 1000_000, ["g"] = 1000_000_000, ["kb"] = 1L << 10, ["mb"] = 1L << 20, ["gb"] = 1L << 30,
    });

    /// <summary>A Docker size (<c>mem_limit</c>): binary units, <c>1g</c> is 1024³.</summary>
    public static long FromDocker(string size) => Parse(size.ToLowerInvariant(), new Dictionary<string, long>
    {
        [""] = 1, ["b"] = 1, ["k"] = 1L << 10, ["m"] = 1L << 20, ["g"] = 1L << 30,
    });

    private static long Parse(string text, Dictionary<string, long> units)
    {
        var match = SizePattern().Match(text);
        Assert.True(match.Success && units.ContainsKey(match.Groups[2].Value), $"'{text}' is not a size.");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * units[match.Groups[2].Value];
    }

    [GeneratedRegex("^([0-9]+)([A-Za-z]*)$")]
    private static partial Regex SizePattern();
}
