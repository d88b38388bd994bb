using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp;

/// <summary>
/// The catalog over the Model Context Protocol: <c>tools/list</c> and <c>tools/call</c> answered from the same
/// tools, schemas and invocation path as the HTTP surface. Failures come back as results with
/// <c>isError</c>, which is how MCP lets a model see what went wrong.
/// </summary>
public static class McpToolHandlers
{
    public static ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var catalog = context.Services!.GetRequiredService<ToolCatalog>();
        return ValueTask.FromResult(new ListToolsResult
        {
            Tools = [.. catalog.Tools.Select(tool => new Tool
            {
                Name = tool.Tool.Name,
                Description = tool.Tool.Description,
                InputSchema = tool.Parameters,
            })],
        });
    }

    public static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var catalog = context.Services!.GetRequiredService<ToolCatalog>();
        var call = context.Params!;
        var arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, JsonElement>());

        return await catalog.InvokeAsync(call.Name, arguments, cancellationToken) switch
        {
            ToolResult.Success success => Result(success.Result.ToJsonString(), isError: false),
            ToolResult.NotFound => Result($"There is no tool named '{call.Name}'.", isError: true),
            ToolResult.InvalidArguments invalid => Result(invalid.Message, isError: true),
            ToolResult.Failed failed => Result(failed.Message, isError: true),
            _ => Result($"The tool '{call.Name}' failed unexpectedly.", isError: true),
        };
    }

    private static CallToolResult Result(string text, bool isError) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        IsError = isError,
    };
}
