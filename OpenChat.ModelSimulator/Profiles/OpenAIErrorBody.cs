using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>OpenAI's error object: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAIErrorBody
{
    public static void Write(Utf8JsonWriter writer, string message, string type, string? code, string? param = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteString("type"u8, type);
        writer.WriteString("param"u8, param);
        writer.WriteString("code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteInvalidApiKey(Utf8JsonWriter writer) =>
        Write(writer, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
}
