namespace OpenChat.Api.Errors;

/// <summary>The <c>error.type</c> values the gateway uses; the first two are OpenAI's own.</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Server = "server_error";
    public const string Upstream = "upstream_error";
}
