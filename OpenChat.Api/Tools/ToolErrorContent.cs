using System.Text.Json.Serialization;

namespace OpenChat.Api.Tools;

/// <summary>What the model reads when a tool call failed.</summary>
internal sealed record ToolErrorContent([property: JsonPropertyName("error")] string Error);

[JsonSerializable(typeof(ToolErrorContent))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
