namespace OpenChat.Tools.Http;

/// <summary>Every error body, in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail Error);

/// <summary><see cref="Param"/> is the JSON pointer to the offending argument, or null.</summary>
public sealed record ErrorDetail(string Message, string Type, string? Param, string Code);
