using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// The tools this service offers, each schema compiled once. One invocation path serves both the HTTP surface
/// and MCP: look the tool up, validate the arguments, run it, and name every way it can fail.
/// </summary>
public sealed partial class ToolCatalog
{
    private readonly Dictionary<string, RegisteredTool> _tools = new(StringComparer.Ordinal);
    private readonly ILogger<ToolCatalog> _logger;

    public ToolCatalog(IEnumerable<IServerTool> tools, ILogger<ToolCatalog> logger)
    {
        _logger = logger;
        // A registry of its own keeps these schemas out of the process-wide one, where every catalog built
        // (one per test host) would otherwise stay registered.
        var buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var tool in tools)
        {
            if (!ToolName().IsMatch(tool.Name))
            {
                throw new InvalidOperationException($"'{tool.Name}' is not a name models can call: use letters, digits, '_' and '-', at most 64.");
            }

            if (!IsObjectSchema(tool.ParametersSchema))
            {
                throw new InvalidOperationException($"The parameters schema of '{tool.Name}' must be a JSON Schema of type \"object\".");
            }

            if (!_tools.TryAdd(tool.Name, new RegisteredTool(tool, JsonSchema.Build(tool.ParametersSchema, buildOptions))))
            {
                throw new InvalidOperationException($"Two tools are named '{tool.Name}'.");
            }
        }

        Tools = [.. _tools.Values.OrderBy(tool => tool.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every tool, ordered by name so listings are stable.</summary>
    public IReadOnlyList<RegisteredTool> Tools { get; }

    public bool Contains(string name) => _tools.ContainsKey(name);

    public async Task<ToolResult> InvokeAsync(string name, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!_tools.TryGetValue(name, out var tool))
        {
            return new ToolResult.NotFound(name);
        }

        ToolLog.Called(_logger, name, arguments);
        if (ArgumentValidator.Validate(tool, arguments) is { } invalid)
        {
            ToolLog.InvalidArguments(_logger, name);
            return invalid;
        }

        try
        {
            var result = await tool.Tool.InvokeAsync(arguments, cancellationToken);
            ToolLog.Succeeded(_logger, name);
            return new ToolResult.Success(result);
        }
        catch (ToolFailureException failure)
        {
            ToolLog.ToolError(_logger, name);
            return new ToolResult.ToolError(failure.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever broke is for the log; the caller learns only that the tool failed.
            ToolLog.Crashed(_logger, name, exception);
            return new ToolResult.Crashed(name);
        }
    }

    private static bool IsObjectSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("object");

    // OpenAI's rule for function names.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolName();
}
