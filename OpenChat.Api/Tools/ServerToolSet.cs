namespace OpenChat.Api.Tools;

/// <summary>A set of server tools, looked up by name.</summary>
internal sealed class ServerToolSet
{
    public static readonly ServerToolSet Empty = new([]);

    public ServerToolSet(IReadOnlyList<ServerToolDefinition> tools)
    {
        Tools = tools;
        Names = tools.Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal);
        JsonLength = tools.Sum(tool => tool.ToolJson.Length + 1);
    }

    public IReadOnlyList<ServerToolDefinition> Tools { get; }

    public IReadOnlySet<string> Names { get; }

    /// <summary>The bytes the definitions take in a request's <c>tools</c>, commas included.</summary>
    public int JsonLength { get; }

    public bool IsEmpty => Tools.Count == 0;

    /// <summary>The tools left when the client's own tools take their names.</summary>
    public ServerToolSet Without(IReadOnlySet<string> clientNames)
    {
        if (clientNames.Count == 0 || !Names.Overlaps(clientNames))
        {
            return this;
        }

        return new ServerToolSet([.. Tools.Where(tool => !clientNames.Contains(tool.Name))]);
    }
}
