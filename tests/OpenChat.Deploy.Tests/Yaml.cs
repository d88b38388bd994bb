using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

/// <summary>Reads rendered YAML documents for assertions.</summary>
internal static class Yaml
{
    public static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    /// <summary>The items of the sequence at <paramref name="path"/>, none where there is no sequence.</summary>
    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children ?? [];

    /// <summary>The keys of the mapping at <paramref name="path"/>, none where there is no mapping.</summary>
    public static IEnumerable<string> Keys(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlMappingNode)?.Children.Keys.Select(key => ((YamlScalarNode)key).Value!) ?? [];

    public static string? Text(this YamlNode node) => (node as YamlScalarNode)?.Value;
}
