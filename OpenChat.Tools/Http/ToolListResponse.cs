using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenChat.Tools.Http;

/// <summary>
/// <c>GET /tools</c>: <c>{"object":"list","data":[{"type":"function","function":{...}}]}</c>, OpenAI function tool
/// definitions the Api hands to the model as they are.
/// </summary>
public sealed record ToolListResponse([property: JsonPropertyName("object")] string ObjectType, IReadOnlyList<FunctionTool> Data);

public sealed record FunctionTool(string Type, FunctionDefinition Function);

/// <summary>
/// <see cref="Strict"/> is false: OpenAI's strict mode demands that every property be required and the schemas
/// here have optional ones (a time zone defaults to UTC).
/// </summary>
public sealed record FunctionDefinition(string Name, string Description, JsonElement Parameters, bool Strict);
