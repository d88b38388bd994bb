using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp;

/// <summary>
/// The catalog over the Model Context Protocol: <c>tools/list</c> and <c>tools/call</c> answered from the same
/// tools, schemas and invocation path as the HTTP surface. A call that fails comes back as a result with
/// <c>isError</c>, which is how MCP lets the model see what went wrong; only an unknown tool is a protocol error,
/// as the MCP specification has it.
/// </summary>
public static class McpToolHandlers
{
    // The text is for a model to read: "+01:00" rather than the HTML-safe "\u002B01:00".
    private static readonly JsonSerializerOptions s_textOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var catalog = context.Services!.GetRequiredService<ToolCatalog>();
        return ValueTask.FromResult(new ListToolsResult
        {
            Tools = [.. catalog.Tools.Select(tool => new Tool
            {
                Name = tool.Name,
                Description = tool.Tool.Description,
                InputSchema = tool.Tool.ParametersSchema,
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
            ToolResult.Success success => new CallToolResult
            {
                Content = [new TextContentBlock { Text = success.Result.ToJsonString(s_textOptions) }],
                StructuredContent = JsonSerializer.SerializeToElement(success.Result),
            },
            ToolResult.NotFound notFound => throw new McpProtocolException(notFound.Message, McpErrorCode.InvalidParams),
            ToolResult.Failure failure => new CallToolResult
            {
                Content = [new TextContentBlock { Text = failure.Message }],
                IsError = true,
            },
            _ => throw new UnreachableException("A tool result is a success or a failure."),
        };
    }
}
