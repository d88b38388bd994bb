using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// A tool the gateway can run for a model. The catalog validates arguments against <see cref="ParametersSchema"/>
/// before <see cref="InvokeAsync"/> sees them, so a tool may rely on every required property being there with
/// its declared type. A tool reports a request it cannot carry out by throwing <see cref="ToolFailureException"/>
/// with a message the model can act on; any other exception counts as the tool breaking.
/// </summary>
public interface IServerTool
{
    /// <summary>The name models call it by: letters, digits, <c>_</c> and <c>-</c>, at most 64 characters.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>A JSON Schema of type <c>object</c> for the arguments, without <c>$ref</c>.</summary>
    JsonElement ParametersSchema { get; }

    ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken);
}
