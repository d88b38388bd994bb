using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>A tool with its parameters schema compiled once, when the catalog is built.</summary>
public sealed record RegisteredTool(IServerTool Tool, JsonSchema Schema)
{
    public string Name => Tool.Name;
}
