using System.Text.Json.Nodes;

namespace OpenChat.Tools.Http;

/// <summary><c>POST /tools/{name}/invoke</c> on success: <c>{"result": ...}</c>, whatever JSON the tool answers.</summary>
public sealed record ToolInvocationResponse(JsonNode Result);
