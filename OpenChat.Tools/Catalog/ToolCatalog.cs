using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// The tools this service offers, each schema compiled once: the built-in tools, fixed at start-up, and the tools
/// of external MCP servers, which come and go with their servers. One invocation path serves both the HTTP surface
/// and MCP: look the tool up, validate the arguments, run it, and name every way it can fail.
/// </summary>
public sealed partial class ToolCatalog
{
    private readonly Dictionary<string, RegisteredTool> _builtIns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerEntry> _servers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ILogger<ToolCatalog> _logger;
    private volatile Snapshot _snapshot;

    public ToolCatalog(IEnumerable<IServerTool> tools, ILogger<ToolCatalog> logger)
    {
        _logger = logger;
        foreach (var tool in tools)
        {
            var registered = Register(tool);
            if (!_builtIns.TryAdd(tool.Name, registered))
            {
                throw new InvalidOperationException($"Two tools are named '{tool.Name}'.");
            }
        }

        _snapshot = BuildSnapshot();
    }

    /// <summary>Raised after the tools of an external server were replaced or left the catalog.</summary>
    public event Action? Changed;

    /// <summary>Every tool offered now, ordered by name so listings are stable.</summary>
    public IReadOnlyList<RegisteredTool> Tools => _snapshot.Ordered;

    public bool Contains(string name) => _snapshot.ByName.ContainsKey(name);

    /// <summary>
    /// Why a name the catalog does not hold cannot run: a name under the prefix of an external server that is down
    /// is a tool error the model can read (the tool may be back soon); any other name is not found.
    /// </summary>
    public ToolResult.Failure Missing(string name)
    {
        foreach (var (prefix, server) in _snapshot.Unavailable)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new ToolResult.ToolError(ToolResult.UnavailableMessage(server, name));
            }
        }

        return new ToolResult.NotFound(name);
    }

    /// <summary>
    /// Replaces the tools of one external server; <paramref name="tools"/> null means the server is unavailable, so
    /// its tools leave the catalog and calls under <paramref name="namePrefix"/> fail as tool errors. A tool is left
    /// out, and logged, when its name is a built-in's or its schema is not an object schema that compiles.
    /// </summary>
    public void SetServerTools(string server, string namePrefix, IReadOnlyList<IServerTool>? tools)
    {
        List<RegisteredTool>? accepted = null;
        if (tools is not null)
        {
            accepted = [];
            foreach (var tool in tools)
            {
                if (_builtIns.ContainsKey(tool.Name))
                {
                    ToolLog.ExternalToolShadowed(_logger, tool.Name, server);
                    continue;
                }

                try
                {
                    accepted.Add(Register(tool));
                }
                catch (Exception exception)
                {
                    // An external schema is another service's data: one that does not compile costs that tool only.
                    ToolLog.ExternalToolRefused(_logger, tool.Name, server, exception.Message);
                }
            }
        }

        lock (_gate)
        {
            _servers[server] = new ServerEntry(namePrefix, accepted);
            _snapshot = BuildSnapshot();
        }

        Changed?.Invoke();
    }

    public async Task<ToolResult> InvokeAsync(string name, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!_snapshot.ByName.TryGetValue(name, out var tool))
        {
            return Missing(name);
        }

        ToolLog.Called(_logger, name, arguments);
        try
        {
            if (ArgumentValidator.Validate(tool, arguments) is { } invalid)
            {
                ToolLog.InvalidArguments(_logger, name);
                return invalid;
            }

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

    private static RegisteredTool Register(IServerTool tool)
    {
        if (!ToolName().IsMatch(tool.Name))
        {
            throw new InvalidOperationException($"'{tool.Name}' is not a name models can call: use letters, digits, '_' and '-', at most 64.");
        }

        if (!IsObjectSchema(tool.ParametersSchema))
        {
            throw new InvalidOperationException($"The parameters schema of '{tool.Name}' must be a JSON Schema of type \"object\".");
        }

        // A registry of its own per schema keeps it out of the process-wide one, where every catalog built (one per
        // test host) would stay registered, and lets two external schemas declare the same $id.
        return new RegisteredTool(tool, JsonSchema.Build(tool.ParametersSchema, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    }

    private Snapshot BuildSnapshot()
    {
        var byName = new Dictionary<string, RegisteredTool>(_builtIns, StringComparer.Ordinal);
        var unavailable = new List<(string Prefix, string Server)>();
        foreach (var (server, entry) in _servers)
        {
            if (entry.Tools is null)
            {
                unavailable.Add((entry.Prefix, server));
                continue;
            }

            foreach (var tool in entry.Tools)
            {
                byName.TryAdd(tool.Name, tool);
            }
        }

        return new Snapshot(byName, [.. byName.Values.OrderBy(tool => tool.Name, StringComparer.Ordinal)], unavailable);
    }

    private static bool IsObjectSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("object");

    // OpenAI's rule for function names.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolName();

    private sealed record ServerEntry(string Prefix, IReadOnlyList<RegisteredTool>? Tools);

    /// <summary>What callers read, replaced whole on every change so a reader never sees half of one.</summary>
    private sealed record Snapshot(
        Dictionary<string, RegisteredTool> ByName,
        IReadOnlyList<RegisteredTool> Ordered,
        IReadOnlyList<(string Prefix, string Server)> Unavailable);
}
