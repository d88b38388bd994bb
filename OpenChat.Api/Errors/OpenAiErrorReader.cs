using System.Text;
using System.Text.Json;

namespace OpenChat.Api.Errors;

/// <summary>
/// Reads OpenAI's <c>{"error":{"message","type","code","param"}}</c>, the one place that knows its shape: from a
/// whole body, or from the value of an <c>error</c> property met while reading a larger document. Some servers
/// send the error as a bare string, and some send numeric codes; both are taken as text.
/// </summary>
internal static class OpenAiErrorReader
{
    /// <summary>The error of a body such as an upstream's failure response, or null when it has none.</summary>
    public static OpenAiErrorBody? TryRead(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    return ReadValue(ref reader);
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or text that is not valid UTF-16: the caller reports the status instead.
        }

        return null;
    }

    /// <summary>
    /// Reads the value of the <c>error</c> property the reader is on, leaving the reader at the value's last token.
    /// </summary>
    /// <returns>The error, or null when the value is neither an object nor a string.</returns>
    public static OpenAiErrorBody? ReadValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return new OpenAiErrorBody(reader.GetString(), null, null, null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? message = null, type = null, code = null, param = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                message = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                code = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("param"u8))
            {
                param = ReadText(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new OpenAiErrorBody(message, type, code, param);
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }
}
