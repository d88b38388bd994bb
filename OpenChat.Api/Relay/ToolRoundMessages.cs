using System.Buffers;
using System.Text.Json;
using OpenChat.Api.Completions;
using OpenChat.Api.Tools;

namespace OpenChat.Api.Relay;

/// <summary>
/// The messages that carry a round of server tool calls into the next request: the assistant's turn with its
/// calls, then one result per call (<c>tool</c> messages, or <c>function</c> messages in the legacy form).
/// </summary>
internal static class ToolRoundMessages
{
    public static IEnumerable<byte[]> Create(ReadOnlySpan<byte> content, IReadOnlyList<AccumulatedToolCall> calls, IReadOnlyList<ToolResult> results)
    {
        var messages = new List<byte[]>(calls.Count + 1) { AssistantMessage(content, calls) };
        for (var i = 0; i < calls.Count; i++)
        {
            messages.Add(ResultMessage(calls[i], results[i]));
        }

        return messages;
    }

    private static byte[] AssistantMessage(ReadOnlySpan<byte> content, IReadOnlyList<AccumulatedToolCall> calls)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "assistant"u8);
            if (content.IsEmpty)
            {
                writer.WriteNull("content"u8);
            }
            else
            {
                writer.WriteString("content"u8, content);
            }

            if (calls[0].IsLegacy)
            {
                writer.WritePropertyName("function_call"u8);
                WriteFunction(writer, calls[0]);
            }
            else
            {
                writer.WriteStartArray("tool_calls"u8);
                foreach (var call in calls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, call.Id);
                    writer.WriteString("type"u8, "function"u8);
                    writer.WritePropertyName("function"u8);
                    WriteFunction(writer, call);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ResultMessage(AccumulatedToolCall call, ToolResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + result.Content.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (call.IsLegacy)
            {
                writer.WriteString("role"u8, "function"u8);
                writer.WriteString("name"u8, call.Name);
            }
            else
            {
                writer.WriteString("role"u8, "tool"u8);
                writer.WriteString("tool_call_id"u8, call.Id);
            }

            writer.WriteString("content"u8, result.Content);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFunction(Utf8JsonWriter writer, AccumulatedToolCall call)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, call.Name);
        writer.WriteString("arguments"u8, call.Arguments);
        writer.WriteEndObject();
    }
}
