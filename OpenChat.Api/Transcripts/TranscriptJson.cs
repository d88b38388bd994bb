using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Writes a completion as its transcript JSON, the form it is stored and served in. The request's messages
/// and tools go in as the JSON they were, not as strings.
/// </summary>
internal static class TranscriptJson
{
    public static void Write(IBufferWriter<byte> output, CompletionRecord record)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("id"u8, record.Id);
        writer.WriteString("object"u8, "transcript"u8);
        writer.WriteString("created_at"u8, record.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("key_id"u8, record.Caller.KeyId);
        writer.WriteString("status"u8, record.Status.ToWireName());
        writer.WriteString("requested_model"u8, record.RequestedModel);
        writer.WriteString("upstream_model"u8, record.UpstreamModel);
        writer.WriteString("response_model"u8, record.ResponseModel);
        writer.WriteString("response_id"u8, record.ResponseId);
        writer.WriteString("upstream"u8, record.Upstream);
        writer.WriteBoolean("stream"u8, record.Stream);
        writer.WriteString("finish_reason"u8, record.FinishReason);
        writer.WriteString("error"u8, record.Error);
        writer.WriteNumber("rounds"u8, record.Rounds);
        WriteRaw(writer, "messages"u8, record.RequestMessages);
        WriteRaw(writer, "tools"u8, record.RequestTools);
        writer.WriteString("content"u8, record.Content.WrittenSpan);
        WriteToolCalls(writer, record.ToolCalls);
        WriteAttempts(writer, record.Attempts);
        WriteUsage(writer, record);
        WriteMilliseconds(writer, "time_to_first_token_ms"u8, record.TimeToFirstToken);
        WriteMilliseconds(writer, "duration_ms"u8, record.Duration);
        writer.WriteString("trace_id"u8, record.TraceId);
        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, List<ToolCallRecord> calls)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteNumber("round"u8, call.Round);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteBoolean("server"u8, call.IsServer);
            writer.WriteString("result"u8, call.Result);
            writer.WriteString("outcome"u8, call.Outcome is { } outcome ? ToolOutcomeNames.ToWireName(outcome) : call.IsServer ? "not_run" : "passed_to_client");
            WriteMilliseconds(writer, "duration_ms"u8, call.Duration);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAttempts(Utf8JsonWriter writer, List<UpstreamAttempt> attempts)
    {
        writer.WriteStartArray("attempts"u8);
        foreach (var attempt in attempts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("round"u8, attempt.Round);
            writer.WriteString("upstream"u8, attempt.Upstream);
            if (attempt.Status is { } status)
            {
                writer.WriteNumber("status"u8, status);
            }
            else
            {
                writer.WriteNull("status"u8);
            }

            WriteMilliseconds(writer, "duration_ms"u8, attempt.Duration);
            writer.WriteString("error"u8, attempt.ErrorCode);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter writer, CompletionRecord record)
    {
        if (record.Usage is not { } usage)
        {
            writer.WriteNull("usage"u8);
            return;
        }

        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, usage.PromptTokens);
        writer.WriteNumber("completion_tokens"u8, usage.CompletionTokens);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteEndObject();
    }

    private static void WriteRaw(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlyMemory<byte> json)
    {
        writer.WritePropertyName(name);
        if (json.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(json.Span, skipInputValidation: true);
        }
    }

    private static void WriteMilliseconds(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TimeSpan? value)
    {
        if (value is { } time)
        {
            writer.WriteNumber(name, Math.Round(time.TotalMilliseconds, 3));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
