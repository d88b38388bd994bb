using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Catalog;

/// <summary>A tool with a given schema that answers, or fails, as the test says and counts its calls.</summary>
internal sealed class StubTool(string name, string parametersSchema, Func<JsonElement, JsonNode>? invoke = null) : IServerTool
{
    public const string AnyObject = """{"type":"object"}""";

    private int _calls;

    public string Name => name;

    public string Description => $"A stub named {name}.";

    public JsonElement ParametersSchema { get; } = JsonElement.Parse(parametersSchema);

    public int Calls => _calls;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(invoke?.Invoke(arguments) ?? new JsonObject { ["ok"] = true });
    }
}
