using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// The tools this service offers, each schema compiled once. One invocation path serves both the HTTP
/// surface and MCP: look the tool up, validate the arguments, run it, and name every way it can fail.
/// </summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, RegisteredTool> _tools;
    private readonly ILogger<ToolCatalog> _logger;

    public ToolCatalog(IEnumerable<IServerTool> tools, ILogger<ToolCatalog> logger)
    {
        _logger = logger;
        _tools = tools.ToDictionary(
            tool => tool.Name,
            tool =>
            {
                using var parameters = JsonDocument.Parse(tool.ParametersSchema);
                return new RegisteredTool(tool, JsonSchema.FromText(tool.ParametersSchema), parameters.RootElement.Clone());
            },
            StringComparer.Ordinal);
    }

    public IEnumerable<RegisteredTool> Tools => _tools.Values.OrderBy(tool => tool.Tool.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out RegisteredTool tool) => _tools.TryGetValue(name, out tool!);

    public async Task<ToolResult> InvokeAsync(string name, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!_tools.TryGetValue(name, out var tool))
        {
            return new ToolResult.NotFound(name);
        }

        if (ArgumentValidator.Validate(tool, arguments) is { } invalid)
        {
            ToolLog.InvalidArguments(_logger, name);
            return invalid;
        }

        try
        {
            JsonNode result = await tool.Tool.InvokeAsync(arguments, cancellationToken);
            ToolLog.Invoked(_logger, name);
            return new ToolResult.Success(result);
        }
        catch (ToolFailureException failure)
        {
            ToolLog.ToolFailed(_logger, name, failure.Message);
            return new ToolResult.Failed(failure.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ToolLog.ToolCrashed(_logger, name, exception);
            return new ToolResult.Crashed(name);
        }
    }
}
