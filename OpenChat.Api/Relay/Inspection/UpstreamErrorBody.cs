namespace OpenChat.Api.Relay.Inspection;

/// <summary>The fields of an upstream <c>{"error":{...}}</c> object, in a response body or a stream event.</summary>
public sealed record UpstreamErrorBody(string? Message, string? Type, string? Code, string? Param);
