using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// Azure's content filter annotations, in the order its filter writes them (not sorted with the rest of the
/// chunk): per prompt <c>{"prompt_index", "content_filter_results"}</c>, and per choice the four severity
/// categories, each <c>{"filtered": false, "severity": "safe"}</c>.
/// </summary>
internal static class ContentFilterResults
{
    public static void WritePromptResults(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("prompt_filter_results"u8);
        writer.WriteStartObject();
        writer.WriteNumber("prompt_index"u8, 0);
        writer.WriteStartObject("content_filter_results"u8);
        WriteSafe(writer, "hate"u8);
        writer.WriteStartObject("jailbreak"u8);
        writer.WriteBoolean("filtered"u8, false);
        writer.WriteBoolean("detected"u8, false);
        writer.WriteEndObject();
        WriteSafe(writer, "self_harm"u8);
        WriteSafe(writer, "sexual"u8);
        WriteSafe(writer, "violence"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>A choice's results: the four categories for text the filter rated; role, tool-call and finish chunks carry <c>{}</c>.</summary>
    public static void WriteChoiceResults(Utf8JsonWriter writer, bool rated)
    {
        writer.WriteStartObject("content_filter_results"u8);
        if (rated)
        {
            WriteSafe(writer, "hate"u8);
            WriteSafe(writer, "self_harm"u8);
            WriteSafe(writer, "sexual"u8);
            WriteSafe(writer, "violence"u8);
        }

        writer.WriteEndObject();
    }

    private static void WriteSafe(Utf8JsonWriter writer, ReadOnlySpan<byte> category)
    {
        writer.WriteStartObject(category);
        writer.WriteBoolean("filtered"u8, false);
        writer.WriteString("severity"u8, "safe"u8);
        writer.WriteEndObject();
    }
}
