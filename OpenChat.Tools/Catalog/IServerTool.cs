using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// A tool the gateway can run for a model. The catalog validates arguments against <see cref="ParametersSchema"/>
/// before <see cref="InvokeAsync"/> sees them; a tool reports a request it cannot carry out by throwing
/// <see cref="ToolFailureException"/> with a message the model can act on.
/// </summary>
public interface IServerTool
{
    string Name { get; }

    string Description { get; }

    /// <summary>A JSON Schema (an object schema) for the arguments.</summary>
    string ParametersSchema { get; }

    ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken);
}
