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

    public static string? Text(this YamlNode node) => (node as YamlScalarNode)?.Value;
}
