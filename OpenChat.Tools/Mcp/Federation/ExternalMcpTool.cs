using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// A tool of an external MCP server as a catalog tool: the server's description and input schema under the name it
/// is offered by, so its arguments are validated like a built-in's before the server is called.
/// </summary>
internal sealed class ExternalMcpTool(ExternalMcpServer server, string name, Tool tool) : IServerTool
{
    public string Name => name;

    public string Description { get; } = tool.Description ?? tool.Title ?? $"The tool '{tool.Name}' of the MCP server '{server.Name}'.";

    public JsonElement ParametersSchema { get; } = tool.InputSchema.Clone();

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken) =>
        new(server.CallAsync(tool.Name, name, arguments, cancellationToken));
}
