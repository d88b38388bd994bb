using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// Rewrites a JSON object with every object's keys in ordinal order, as Azure OpenAI's serializer emits its
/// chunks, leaving the content filter annotations in the order Azure's filter writes them.
/// </summary>
internal static class SortedKeysJson
{
    public static void Rewrite(ReadOnlyMemory<byte> json, Utf8JsonWriter writer)
    {
        using var document = JsonDocument.Parse(json);
        Write(document.RootElement, writer);
        writer.Flush();
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    if (property.NameEquals("content_filter_results"u8) || property.NameEquals("prompt_filter_results"u8))
                    {
                        property.Value.WriteTo(writer);
                    }
                    else
                    {
                        Write(property.Value, writer);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
