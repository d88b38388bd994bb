using System.Net;
using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary>What the Api said went wrong: its status and its OpenAI-style error, or what the console saw instead.</summary>
public sealed record GatewayError(int Status, string Message, string? Type = null, string? Code = null)
{
    /// <summary>The status of an error that arrived inside a stream, after the 200 had been sent.</summary>
    public const int MidStream = 0;

    private const int MaxErrorBytes = 64 * 1024;

    public static GatewayError SessionEnded { get; } = new((int)HttpStatusCode.Unauthorized, "Your session has ended. Sign in again.", Code: "session_ended");

    /// <summary>A line for people: the status, the error code and the Api's message.</summary>
    public string Describe()
    {
        var code = Code ?? Type;
        var prefix = Status == MidStream ? "The stream failed" : $"The Api answered {Status}";
        return code is null ? $"{prefix}: {Message}" : $"{prefix} ({code}): {Message}";
    }

    /// <summary>Reads <c>{"error":{"message","type","param","code"}}</c>; any other body becomes the status's own words.</summary>
    public static async Task<GatewayError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(new BoundedStream(body, MaxErrorBytes), cancellationToken: cancellationToken);
            if (FromErrorObject(status, document.RootElement) is { } error)
            {
                return error;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException)
        {
            // Not an OpenAI error body (a proxy's page, or nothing): the status says enough.
        }

        return new GatewayError(status, response.ReasonPhrase ?? "The request failed.");
    }

    /// <summary>The error of an <c>{"error":{...}}</c> object, or null when the element is not one.</summary>
    public static GatewayError? FromErrorObject(int status, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new GatewayError(
            status,
            Text(error, "message") ?? "The request failed.",
            Text(error, "type"),
            Text(error, "code"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
