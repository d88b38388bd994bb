using System.Buffers;
using System.Text.Json;

namespace OpenChat.Api.Errors;

/// <summary>Writes an <see cref="ApiError"/> as OpenAI's error body.</summary>
internal static class ApiErrorJson
{
    private static void Write(IBufferWriter<byte> output, ApiError error)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        WriteNullable(writer, "param"u8, error.Param);
        WriteNullable(writer, "code"u8, error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static byte[] ToUtf8(ApiError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, error);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
