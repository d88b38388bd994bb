using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Writes a completion as its transcript JSON, the form it is stored and served in, within a size budget. The
/// request's messages and tools go in as the JSON they were, not as strings. What does not fit is left out with
/// a marker that says so: the answer's text is cut (<c>content_truncated</c>), a tool call's arguments or result
/// are cut (<c>arguments_truncated</c>, <c>result_truncated</c>), calls past the budget are counted
/// (<c>tool_calls_omitted</c>), the request's tools are left out (<c>tools_omitted</c>), and the oldest messages
/// are left out whole (<c>messages_omitted</c>), so what is kept is always valid JSON.
/// </summary>
internal static class TranscriptJson
{
    /// <summary>Room for everything but the request, the answer, the tool calls and the upstream attempts.</summary>
    private const int FixedFieldsBytes = 4096;

    /// <summary>Room for one upstream attempt: round, upstream name, status, duration and error code.</summary>
    private const int AttemptBytes = 160;

    /// <summary>What a transcript's own fields (ids, times, models, usage) usually take: part of the first guess at its size.</summary>
    private const int UsualFieldsBytes = 1024;

    /// <returns>
    /// The JSON in a pooled buffer sized to it (the caller disposes it once the JSON is stored or given up), and
    /// whether anything was left out to fit <paramref name="maxBytes"/>.
    /// </returns>
    public static (PooledByteBuffer Json, bool Truncated) Serialize(CompletionRecord record, int maxBytes)
    {
        var content = Utf8Text.Prefix(record.Content.WrittenSpan, maxBytes / 4);
        var contentTruncated = record.Content.Truncated || content.Length < record.Content.WrittenCount;
        var fieldCap = maxBytes / 64;
        var (callsKept, callsBytes) = ToolCallsWithin(record.ToolCalls, fieldCap, budget: maxBytes / 4);
        var toolsKept = record.RequestTools.Length <= maxBytes / 8;
        var toolsBytes = toolsKept ? record.RequestTools.Length : 0;
        var messagesBudget = maxBytes - FixedFieldsBytes - (record.Attempts.Count * AttemptBytes) - content.Length - callsBytes - toolsBytes;
        var messages = MessagesWithin(record.RequestMessages, messagesBudget);

        var expectedBytes = UsualFieldsBytes + (record.Attempts.Count * AttemptBytes) + content.Length + callsBytes + toolsBytes
            + Math.Min(record.RequestMessages.Length, Math.Max(messagesBudget, 0));
        var output = new PooledByteBuffer(Math.Min(maxBytes, expectedBytes));
        try
        {
            Write(output, record, messages, toolsKept, content, contentTruncated, callsKept, fieldCap);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        var truncated = contentTruncated || !toolsKept || messages.Omitted > 0 || callsKept < record.ToolCalls.Count
            || AnyCallCut(record.ToolCalls, callsKept, fieldCap);
        return (output, truncated);
    }

    private static void Write(PooledByteBuffer output, CompletionRecord record, KeptMessages messages, bool toolsKept,
        ReadOnlySpan<byte> content, bool contentTruncated, int callsKept, int fieldCap)
    {
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, record.Id);
            writer.WriteString("object"u8, "transcript"u8);
            Span<byte> createdAt = stackalloc byte[64];
            record.CreatedAt.TryFormat(createdAt, out var createdAtLength, "O", CultureInfo.InvariantCulture);
            writer.WriteString("created_at"u8, createdAt[..createdAtLength]);
            writer.WriteString("key_id"u8, record.Caller.KeyId);
            writer.WriteString("key_name"u8, record.Caller.Name);
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
            WriteMessages(writer, messages);
            WriteRaw(writer, "tools"u8, toolsKept ? record.RequestTools : default);
            if (!toolsKept)
            {
                writer.WriteBoolean("tools_omitted"u8, true);
            }

            WriteText(writer, "content"u8, content);
            if (contentTruncated)
            {
                writer.WriteBoolean("content_truncated"u8, true);
            }

            WriteToolCalls(writer, record.ToolCalls, callsKept, fieldCap);
            WriteAttempts(writer, record.Attempts);
            WriteUsage(writer, record);
            if (record.CostUsd is { } cost)
            {
                writer.WriteNumber("cost_usd"u8, cost);
            }
            else
            {
                writer.WriteNull("cost_usd"u8);
            }

            WriteMilliseconds(writer, "time_to_first_token_ms"u8, record.TimeToFirstToken);
            WriteMilliseconds(writer, "duration_ms"u8, record.Duration);
            writer.WriteString("trace_id"u8, record.TraceId);
            writer.WriteEndObject();
        }
    }

    /// <summary>Whether a kept call's arguments or result were cut (a loop: a lambda's closure was an allocation per transcript).</summary>
    private static bool AnyCallCut(List<ToolCallRecord> calls, int kept, int fieldCap)
    {
        for (var i = 0; i < kept; i++)
        {
            if (calls[i].ArgumentsTruncated || TooLong(calls[i].Arguments, fieldCap) || TooLong(calls[i].Result, fieldCap))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many calls, from the first, fit the budget once each field is cut to its cap, and their bytes.</summary>
    private static (int Count, int Bytes) ToolCallsWithin(List<ToolCallRecord> calls, int fieldCap, int budget)
    {
        const int PerCallBytes = 256;
        var bytes = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            var cost = PerCallBytes + Math.Min(calls[i].Arguments.Length * 3, fieldCap) + Math.Min((calls[i].Result?.Length ?? 0) * 3, fieldCap);
            if (bytes + cost > budget)
            {
                return (i, bytes);
            }

            bytes += cost;
        }

        return (calls.Count, bytes);
    }

    /// <summary>The newest whole messages that fit <paramref name="budget"/>, and how many older ones are left out.</summary>
    private static KeptMessages MessagesWithin(ReadOnlyMemory<byte> messages, int budget)
    {
        if (messages.Length <= budget)
        {
            return new KeptMessages(messages, [], 0);
        }

        using var document = JsonDocument.Parse(messages, new JsonDocumentOptions { MaxDepth = JsonLimits.MaxRequestDepth });
        var all = document.RootElement.EnumerateArray().Select(message => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(message).ToArray()).ToList();
        var kept = new List<byte[]>();
        var bytes = 2;
        for (var i = all.Count - 1; i >= 0 && bytes + all[i].Length + 1 <= budget; i--)
        {
            kept.Insert(0, all[i]);
            bytes += all[i].Length + 1;
        }

        return new KeptMessages(default, kept, all.Count - kept.Count);
    }

    private static void WriteMessages(Utf8JsonWriter writer, KeptMessages messages)
    {
        if (messages.Omitted == 0)
        {
            WriteRaw(writer, "messages"u8, messages.Whole);
            return;
        }

        writer.WriteStartArray("messages"u8);
        foreach (var message in messages.Newest)
        {
            writer.WriteRawValue(message, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteNumber("messages_omitted"u8, messages.Omitted);
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, List<ToolCallRecord> calls, int kept, int fieldCap)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in calls.Take(kept))
        {
            writer.WriteStartObject();
            writer.WriteNumber("round"u8, call.Round);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            WriteCapped(writer, "arguments"u8, "arguments_truncated"u8, call.Arguments, fieldCap, call.ArgumentsTruncated);
            writer.WriteBoolean("server"u8, call.IsServer);
            WriteCapped(writer, "result"u8, "result_truncated"u8, call.Result, fieldCap, alreadyTruncated: false);
            writer.WriteString("outcome"u8, call.Outcome is { } outcome ? ToolOutcomeNames.ToWireName(outcome) : call.IsServer ? "not_run" : "passed_to_client");
            WriteMilliseconds(writer, "duration_ms"u8, call.Duration);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (kept < calls.Count)
        {
            writer.WriteNumber("tool_calls_omitted"u8, calls.Count - kept);
        }
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

    private static void WriteCapped(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> marker, string? value, int cap, bool alreadyTruncated)
    {
        if (value is null)
        {
            writer.WriteNull(name);
            return;
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        var kept = Utf8Text.Prefix(utf8, cap);
        writer.WriteString(name, kept);
        if (alreadyTruncated || kept.Length < utf8.Length)
        {
            writer.WriteBoolean(marker, true);
        }
    }

    private static bool TooLong(string? value, int cap) => value is not null && Encoding.UTF8.GetByteCount(value) > cap;

    /// <summary>Text as it came; bytes that are not UTF-8 (an upstream may send them) become U+FFFD rather than fail the write.</summary>
    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            writer.WriteString(name, utf8);
        }
        else
        {
            writer.WriteString(name, Encoding.UTF8.GetString(utf8));
        }
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

    private readonly record struct KeptMessages(ReadOnlyMemory<byte> Whole, List<byte[]> Newest, int Omitted);
}
