using System.Text.Json;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Api.Relay;

/// <summary>Reads OpenAI's <c>{"error":{...}}</c> from an upstream failure body, when it has one.</summary>
public static class UpstreamErrorReader
{
    public static UpstreamErrorBody? TryRead(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error))
            {
                return null;
            }

            // Some servers send the error as a bare string.
            if (error.ValueKind == JsonValueKind.String)
            {
                return new UpstreamErrorBody(error.GetString(), null, null, null);
            }

            return error.ValueKind == JsonValueKind.Object
                ? new UpstreamErrorBody(Text(error, "message"), Text(error, "type"), Text(error, "code"), Text(error, "param"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
