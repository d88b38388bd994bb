using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Relay;

/// <summary>
/// Writes the body sent upstream: the client's request, property by property and byte for byte, except the
/// model, the server tools appended to the client's tools, the messages of earlier tool rounds, the usage
/// option and, in a last round, a tool choice of <c>none</c>.
/// </summary>
internal static class UpstreamBodyWriter
{
    private static readonly JsonWriterOptions s_options = new() { SkipValidation = true };

    public static void Write(IBufferWriter<byte> output, ChatRequest request, UpstreamBodyPlan plan)
    {
        using var writer = new Utf8JsonWriter(output, s_options);
        var toolsField = request.UsesLegacyFunctions ? "functions" : "tools";
        var choiceField = request.UsesLegacyFunctions ? "function_call" : "tool_choice";
        bool wroteModel = false, wroteTools = false, wroteStreamOptions = false, wroteChoice = false;

        writer.WriteStartObject();
        foreach (var property in request.Root.EnumerateObject())
        {
            if (property.NameEquals("model"))
            {
                writer.WriteString("model"u8, plan.Model);
                wroteModel = true;
            }
            else if (property.NameEquals("messages"))
            {
                WriteMessages(writer, request.Messages, plan.AppendedMessages);
            }
            else if (property.NameEquals(toolsField))
            {
                WriteTools(writer, toolsField, property.Value, plan, request.UsesLegacyFunctions);
                wroteTools = true;
            }
            else if (property.NameEquals("stream_options") && plan.RequestUsage)
            {
                WriteStreamOptions(writer, property.Value);
                wroteStreamOptions = true;
            }
            else if (property.NameEquals(choiceField) && plan.ForbidToolCalls)
            {
                writer.WriteString(choiceField, "none");
                wroteChoice = true;
            }
            else
            {
                writer.WritePropertyName(property.Name);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
            }
        }

        if (!wroteModel)
        {
            writer.WriteString("model"u8, plan.Model);
        }

        if (!wroteTools && !plan.ServerTools.IsEmpty)
        {
            WriteTools(writer, toolsField, default, plan, request.UsesLegacyFunctions);
            wroteTools = true;
        }

        if (!wroteStreamOptions && plan.RequestUsage)
        {
            WriteStreamOptions(writer, default);
        }

        // "none" without any tools is an error for OpenAI; without tools there is nothing to forbid.
        if (!wroteChoice && plan.ForbidToolCalls && (wroteTools || request.Tools is not null))
        {
            writer.WriteString(choiceField, "none");
        }

        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, JsonElement messages, IReadOnlyList<byte[]> appended)
    {
        writer.WritePropertyName("messages"u8);
        if (appended.Count == 0)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(messages), skipInputValidation: true);
            return;
        }

        writer.WriteStartArray();
        foreach (var message in messages.EnumerateArray())
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(message), skipInputValidation: true);
        }

        foreach (var message in appended)
        {
            writer.WriteRawValue(message, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter writer, string field, JsonElement clientTools, UpstreamBodyPlan plan, bool legacy)
    {
        writer.WritePropertyName(field);
        if (plan.ServerTools.IsEmpty)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(clientTools), skipInputValidation: true);
            return;
        }

        writer.WriteStartArray();
        if (clientTools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in clientTools.EnumerateArray())
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(tool), skipInputValidation: true);
            }
        }

        foreach (var tool in plan.ServerTools.Tools)
        {
            writer.WriteRawValue(legacy ? tool.FunctionJson : tool.ToolJson, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private static void WriteStreamOptions(Utf8JsonWriter writer, JsonElement clientOptions)
    {
        writer.WriteStartObject("stream_options"u8);
        if (clientOptions.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in clientOptions.EnumerateObject())
            {
                if (!option.NameEquals("include_usage"))
                {
                    writer.WritePropertyName(option.Name);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(option.Value), skipInputValidation: true);
                }
            }
        }

        writer.WriteBoolean("include_usage"u8, true);
        writer.WriteEndObject();
    }
}
