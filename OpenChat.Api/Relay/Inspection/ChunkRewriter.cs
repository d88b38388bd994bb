using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// Changes a chunk (or a whole non-streamed response) where the client must not see it as the upstream sent
/// it. This is the rare path: most chunks are forwarded as their original bytes and never come here.
/// </summary>
internal static class ChunkRewriter
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A repeated name would make the object's lookups throw; refused while parsing, it fails one way only.
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowDuplicateProperties = false };

    /// <returns>The new JSON, or null when nothing is left for the client.</returns>
    /// <exception cref="ApiErrorException">
    /// A 502: the chunk is JSON the inspector could read but no document can hold (a repeated name, a string that
    /// escapes a lone surrogate). Passed on as it came, it would show the client what the rewrite was to take out.
    /// </exception>
    public static byte[]? Rewrite(ReadOnlySpan<byte> json, ToolCallAccumulator calls, ChunkRewrite rewrite, TokenUsage? usage)
    {
        try
        {
            return RewriteDocument(json, calls, rewrite, usage);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new ApiErrorException(ApiError.BadGateway(
                "The upstream model server sent a chunk the gateway cannot rewrite: it repeats a name or escapes a lone surrogate.",
                "upstream_invalid_response"));
        }
    }

    private static byte[]? RewriteDocument(ReadOnlySpan<byte> json, ToolCallAccumulator calls, ChunkRewrite rewrite, TokenUsage? usage)
    {
        if (JsonNode.Parse(json, documentOptions: s_documentOptions) is not JsonObject root)
        {
            return json.ToArray();
        }

        var keepsAnything = root["usage"] is JsonObject || root["choices"] is not JsonArray;
        if (root["choices"] is JsonArray choices)
        {
            foreach (var choice in choices.OfType<JsonObject>())
            {
                keepsAnything |= RewriteChoice(choice, calls, rewrite);
            }
        }

        if (rewrite.HasFlag(ChunkRewrite.Usage) && usage is { } sum && root["usage"] is JsonObject usageObject)
        {
            usageObject["prompt_tokens"] = sum.PromptTokens;
            usageObject["completion_tokens"] = sum.CompletionTokens;
            usageObject["total_tokens"] = sum.TotalTokens;
        }

        if (!keepsAnything)
        {
            return null;
        }

        using var buffer = new Buffers.PooledByteBuffer(json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            root.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <returns>Whether the choice still carries anything for the client.</returns>
    private static bool RewriteChoice(JsonObject choice, ToolCallAccumulator calls, ChunkRewrite rewrite)
    {
        // As the inspector reads them: a missing index is choice 0, one that is not a whole number is none.
        var isFirstChoice = choice["index"] is not JsonValue index || (index.TryGetValue<int>(out var number) && number == 0);
        var body = choice["delta"] as JsonObject ?? choice["message"] as JsonObject;

        if (isFirstChoice && rewrite.HasFlag(ChunkRewrite.ToolCalls) && body?["tool_calls"] is JsonArray toolCalls)
        {
            for (var position = toolCalls.Count - 1; position >= 0; position--)
            {
                if (toolCalls[position] is not JsonObject entry)
                {
                    continue;
                }

                var streamIndex = entry["index"] is JsonValue callIndex && callIndex.TryGetValue<int>(out var callNumber) && callNumber >= 0 ? callNumber : (int?)null;
                var streamed = streamIndex is not null;
                var call = calls.Find(streamIndex ?? position);
                if (call is { IsServer: true })
                {
                    toolCalls.RemoveAt(position);
                }
                else if (call is not null && streamed)
                {
                    entry["index"] = call.ClientIndex;
                }
            }

            if (toolCalls.Count == 0)
            {
                body.Remove("tool_calls");
            }
        }

        if (isFirstChoice && rewrite.HasFlag(ChunkRewrite.ClearFinishReason))
        {
            choice["finish_reason"] = null;
        }

        if (isFirstChoice && body is not null)
        {
            if (rewrite.HasFlag(ChunkRewrite.AddRole) && !body.ContainsKey("role"))
            {
                body.Insert(0, "role", "assistant");
            }
            else if (rewrite.HasFlag(ChunkRewrite.StripRole))
            {
                body.Remove("role");
            }
        }

        return (body is not null && body.Any(property => property.Key != "role" && property.Value is not null))
            || choice["finish_reason"] is not null;
    }
}
