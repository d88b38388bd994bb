using System.Text.Json;

namespace OpenChat.Api.Errors;

/// <summary>
/// An error as OpenAI reports it: <c>{"error":{"message","type","param","code"}}</c>, with the HTTP status that
/// goes with it. Every failure the gateway reports, before or during a stream, takes this shape.
/// </summary>
internal sealed record ApiError(int Status, string Message, string Type, string? Code, string? Param = null)
{
    /// <summary>How long the client should wait before trying again (sent as <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiError InvalidRequest(string message, string? param, string code) =>
        new(StatusCodes.Status400BadRequest, message, ErrorTypes.InvalidRequest, code, param);

    /// <summary>A body that is not JSON, or not the JSON object a request is.</summary>
    public static ApiError InvalidJson(string message) => InvalidRequest(message, param: null, "invalid_json");

    public static ApiError MissingParameter(string param) =>
        InvalidRequest($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static ApiError UnknownParameter(string param) =>
        InvalidRequest($"Unrecognized request argument supplied: {param}", param, "unknown_parameter");

    public static ApiError WrongType(string param, string expected, JsonValueKind actual) =>
        InvalidRequest($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param, "invalid_type");

    /// <summary>A value of the right type that the gateway cannot use: out of range, malformed, unknown.</summary>
    public static ApiError InvalidValue(string message, string param) => InvalidRequest(message, param, "invalid_value");

    public static ApiError Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, message, ErrorTypes.InvalidRequest, "invalid_api_key");

    public static ApiError NotFound(string message, string code, string? param = null) =>
        new(StatusCodes.Status404NotFound, message, ErrorTypes.InvalidRequest, code, param);

    public static ApiError PayloadTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than the gateway accepts ({limit} bytes).",
            ErrorTypes.InvalidRequest, "request_too_large");

    public static ApiError BadGateway(string message, string code) =>
        new(StatusCodes.Status502BadGateway, message, ErrorTypes.Upstream, code);

    public static ApiError GatewayTimeout(string message, string code) =>
        new(StatusCodes.Status504GatewayTimeout, message, ErrorTypes.Upstream, code);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
