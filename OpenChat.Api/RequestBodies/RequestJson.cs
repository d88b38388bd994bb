using System.Text.Json;
using OpenChat.Api.Errors;

namespace OpenChat.Api.RequestBodies;

/// <summary>
/// A request body parsed as JSON, with one answer for each way it can fail to be JSON the gateway reads: empty,
/// malformed or nested deeper than the endpoint allows is a 400 <c>invalid_json</c> saying what and where, a name
/// or string escaping a lone surrogate a 400 <c>invalid_value</c>.
/// </summary>
internal static class RequestJson
{
    /// <summary>Reading such a string as .NET text throws <see cref="InvalidOperationException"/>; this is its answer.</summary>
    public static ApiError LoneSurrogate { get; } = ApiError.InvalidRequest(
        "We could not read your request: a name or string in it escapes a lone surrogate, which is not valid Unicode.", param: null, "invalid_value");

    /// <summary>Parses a whole request body.</summary>
    /// <param name="body">The body, which the document reads in place: it must outlive the document.</param>
    /// <param name="options">The endpoint's limits, its depth above all.</param>
    /// <param name="expected">What the endpoint takes, for the answer to an empty body: "a JSON object with ...".</param>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, JsonDocumentOptions options, string expected)
    {
        if (body.IsEmpty)
        {
            throw new ApiErrorException(ApiError.InvalidJson($"The request body is empty. Send {expected}."));
        }

        try
        {
            return JsonDocument.Parse(body, options);
        }
        catch (JsonException exception)
        {
            throw new ApiErrorException(ApiError.InvalidJson($"We could not parse the JSON body of your request: {exception.Message}"));
        }
    }
}
