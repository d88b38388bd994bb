using System.Buffers;
using System.Text.Json;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// Writes OpenAI's chat-completion JSON: the chunks of a stream (<c>chat.completion.chunk</c>) and the whole
/// object of a non-streamed answer (<c>chat.completion</c>), with the fields and field order OpenAI uses.
/// </summary>
public sealed class CompletionJsonWriter(string id, long created, string model, bool includeUsage) : IDisposable
{
    private const string Fingerprint = "fp_simulator";

    // One writer per answer, reset onto each chunk's buffer: no writer allocated per chunk.
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    public void Dispose() => _writer.Dispose();

    public void WriteRoleChunk(IBufferWriter<byte> output) => WriteChunk(output, writer =>
    {
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("content"u8, ""u8);
        writer.WriteNull("refusal"u8);
    });

    public void WriteContentChunk(IBufferWriter<byte> output, string piece) =>
        WriteChunk(output, writer => writer.WriteString("content"u8, piece));

    /// <summary>The first delta of a call: index, id, type and name, with empty arguments.</summary>
    public void WriteToolCallStart(IBufferWriter<byte> output, int index, SimulatedToolCall call, bool legacy) => WriteChunk(output, writer =>
    {
        if (legacy)
        {
            writer.WriteStartObject("function_call"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, ""u8);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteString("id"u8, call.Id);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, call.Name);
        writer.WriteString("arguments"u8, ""u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    /// <summary>A later delta of a call: only its index and a fragment of its arguments.</summary>
    public void WriteToolCallFragment(IBufferWriter<byte> output, int index, string fragment, bool legacy) => WriteChunk(output, writer =>
    {
        if (legacy)
        {
            writer.WriteStartObject("function_call"u8);
            writer.WriteString("arguments"u8, fragment);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("function"u8);
        writer.WriteString("arguments"u8, fragment);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    public void WriteFinishChunk(IBufferWriter<byte> output, string finishReason) =>
        WriteChunk(output, static _ => { }, finishReason);

    /// <summary>The extra chunk of <c>stream_options.include_usage</c>: no choices, only usage.</summary>
    public void WriteUsageChunk(IBufferWriter<byte> output, int promptTokens, int completionTokens)
    {
        var writer = Start(output);
        WriteEnvelopeStart(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteEndArray();
        WriteUsage(writer, promptTokens, completionTokens);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The whole answer of a request without streaming.</summary>
    public void WriteCompletion(IBufferWriter<byte> output, SimulatedAnswer answer, int promptTokens)
    {
        var writer = Start(output);
        WriteEnvelopeStart(writer, "chat.completion"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (answer.ToolCalls.Count == 0)
        {
            writer.WriteString("content"u8, answer.Content);
        }
        else
        {
            writer.WriteNull("content"u8);
        }

        writer.WriteNull("refusal"u8);
        if (answer.ToolCalls.Count > 0)
        {
            WriteWholeToolCalls(writer, answer);
        }

        writer.WriteStartArray("annotations"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, answer.FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, promptTokens, answer.CompletionTokens);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteWholeToolCalls(Utf8JsonWriter writer, SimulatedAnswer answer)
    {
        if (answer.Legacy)
        {
            writer.WriteStartObject("function_call"u8);
            writer.WriteString("name"u8, answer.ToolCalls[0].Name);
            writer.WriteString("arguments"u8, answer.ToolCalls[0].Arguments);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in answer.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteChunk(IBufferWriter<byte> output, Action<Utf8JsonWriter> writeDelta, string? finishReason = null)
    {
        var writer = Start(output);
        WriteEnvelopeStart(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
        writeDelta(writer);
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason"u8);
        }
        else
        {
            writer.WriteString("finish_reason"u8, finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        if (includeUsage)
        {
            // With include_usage, OpenAI sends "usage": null on every chunk but the last.
            writer.WriteNull("usage"u8);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private Utf8JsonWriter Start(IBufferWriter<byte> output)
    {
        _writer.Reset(output);
        return _writer;
    }

    private void WriteEnvelopeStart(Utf8JsonWriter writer, ReadOnlySpan<byte> objectType)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, objectType);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, model);
        writer.WriteString("service_tier"u8, "default"u8);
        writer.WriteString("system_fingerprint"u8, Fingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteNumber("accepted_prediction_tokens"u8, 0);
        writer.WriteNumber("rejected_prediction_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
