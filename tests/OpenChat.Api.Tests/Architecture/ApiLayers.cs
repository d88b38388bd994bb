namespace OpenChat.Api.Tests.Architecture;

/// <summary>
/// The Api's folders from top to bottom, as README draws them. A folder may use folders of lower layers only;
/// foundations may also use each other, but never in a cycle.
/// </summary>
internal static class ApiLayers
{
    public const string Root = "(root)";

    private static readonly string[][] s_layers =
    [
        [Root],
        ["Relay"],
        ["Auth", "Requests", "Upstream", "Tools", "Transcripts", "Governance"],
        ["Telemetry"],
        ["Completions"],
        ["Sse", "Errors", "Buffers", "Hosting", "Resilience", "Redis", "RequestBodies"],
    ];

    private static readonly int s_foundation = s_layers.Length - 1;

    public static IEnumerable<string> Folders => s_layers.SelectMany(layer => layer);

    /// <summary>The dependencies among <paramref name="edges"/> that break the layering, as "From -> To" lines.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<(string From, string To)> edges)
    {
        var distinct = edges.Where(edge => edge.From != edge.To).Distinct().ToList();
        var violations = new List<string>();
        foreach (var (from, to) in distinct)
        {
            var fromLayer = LayerOf(from);
            var toLayer = LayerOf(to);
            if (fromLayer < 0 || toLayer < 0)
            {
                violations.Add($"{from} -> {to}: a folder missing from the layers");
            }
            else if (toLayer < fromLayer || (toLayer == fromLayer && fromLayer != s_foundation))
            {
                violations.Add($"{from} -> {to}: {(toLayer == fromLayer ? "a feature uses another feature" : "a lower layer uses a higher one")}");
            }
        }

        violations.AddRange(Cycles(distinct).Select(cycle => $"{string.Join(" -> ", cycle)}: a cycle"));
        return violations;
    }

    private static int LayerOf(string folder) => Array.FindIndex(s_layers, layer => layer.Contains(folder));

    private static IEnumerable<List<string>> Cycles(List<(string From, string To)> edges)
    {
        var next = edges.ToLookup(edge => edge.From, edge => edge.To);
        foreach (var start in edges.Select(edge => edge.From).Distinct())
        {
            var path = new List<string> { start };
            if (FindPathBack(start, start, next, path, []))
            {
                yield return path;
            }
        }
    }

    private static bool FindPathBack(string current, string start, ILookup<string, string> next, List<string> path, HashSet<string> seen)
    {
        foreach (var to in next[current])
        {
            if (to == start)
            {
                path.Add(to);
                return true;
            }

            if (seen.Add(to))
            {
                path.Add(to);
                if (FindPathBack(to, start, next, path, seen))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        return false;
    }
}
