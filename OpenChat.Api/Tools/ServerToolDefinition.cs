namespace OpenChat.Api.Tools;

/// <summary>
/// A tool of OpenChat.Tools as the model is offered it: the raw JSON of its OpenAI definition
/// (<c>{"type":"function","function":{...}}</c>) and of the function alone, for the legacy <c>functions</c> form.
/// </summary>
internal sealed record ServerToolDefinition(string Name, byte[] ToolJson, byte[] FunctionJson);
