namespace OpenChat.Api.Errors;

/// <summary>The fields of an OpenAI <c>{"error":{...}}</c> object, in a response body or a stream event.</summary>
internal sealed record OpenAiErrorBody(string? Message, string? Type, string? Code, string? Param);
