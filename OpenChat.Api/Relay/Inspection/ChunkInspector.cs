using System.Text.Json;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// Reads the few fields of a chunk (or of a whole non-streamed response) that the gateway acts on, in one
/// forward pass with <see cref="Utf8JsonReader"/>, and records them in the <see cref="ModelTurn"/>. The chunk
/// itself is never changed here: the caller forwards its original bytes.
/// </summary>
internal static class ChunkInspector
{
    /// <summary>
    /// Inspects a chunk of a stream: matched against the turn's last content chunk when it has that one's shape, read in
    /// full otherwise.
    /// </summary>
    public static ChunkFacts Inspect(ReadOnlySpan<byte> json, ModelTurn turn)
    {
        if (turn.Template.TryMatch(json, turn.Content, out var known))
        {
            return known;
        }

        var holes = new ChunkHoles();
        var facts = Read(json, turn, ref holes);
        turn.Template.Learn(json, facts, holes);
        return facts;
    }

    /// <summary>Reads a whole response, or a chunk, in full: what <see cref="Inspect"/> gives, with no template.</summary>
    public static ChunkFacts InspectInFull(ReadOnlySpan<byte> json, ModelTurn turn)
    {
        var holes = new ChunkHoles();
        return Read(json, turn, ref holes);
    }

    private static ChunkFacts Read(ReadOnlySpan<byte> json, ModelTurn turn, ref ChunkHoles holes)
    {
        var facts = new ChunkFacts();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                facts.IsOpaque = true;
                return facts;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    ReadChoices(ref reader, turn, ref facts, ref holes);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    ReadUsage(ref reader, turn, ref facts);
                }
                else if (reader.ValueTextEquals("id"u8) && turn.ResponseId is null)
                {
                    turn.ResponseId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("model"u8) && turn.ResponseModel is null)
                {
                    turn.ResponseModel = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    ReadError(ref reader, turn, ref facts);
                }
                else
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        holes.Add(reader, isContent: false);
                    }

                    reader.Skip();
                }
            }

            // Past the object: a second value or stray bytes after it make the reader throw.
            reader.Read();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, deeper than the reader goes, or strings that escape lone surrogates: passed on as they came.
            facts = new ChunkFacts { IsOpaque = true };
        }

        return facts;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts, ref ChunkHoles holes)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        facts.HasNoChoices = true;
        while (NextObjectInArray(ref reader))
        {
            facts.HasNoChoices = false;
            var choiceIndex = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    choiceIndex = ReadInt32(ref reader) ?? -1;
                }
                else if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    ReadDelta(ref reader, turn, ref facts, ref holes, choiceIndex);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        facts.HasFinish = true;
                        if (choiceIndex == 0)
                        {
                            turn.FinishReason = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts, ref ChunkHoles holes, int choiceIndex)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                {
                    facts.HasContent = true;
                    if (choiceIndex == 0)
                    {
                        holes.Add(reader, isContent: true);
                        AppendString(ref reader, turn.Content);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                facts.HasRole = true;
                SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                ReadToolCalls(ref reader, turn, ref facts, choiceIndex);
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadToolCall(ref reader, turn, ref facts, choiceIndex, defaultIndex: 0, isLegacy: true);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                facts.HasContent |= reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
            else
            {
                reader.Read();
                facts.HasOtherDeltaFields |= reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
        }
    }

    private static void ReadToolCalls(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts, int choiceIndex)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        // Streamed deltas name their index; a whole message's calls are indexed by position.
        var position = 0;
        while (NextObjectInArray(ref reader, ref position))
        {
            ReadToolCall(ref reader, turn, ref facts, choiceIndex, position++, isLegacy: false);
        }
    }

    /// <summary>
    /// Reads one tool-call delta (or legacy function_call delta); the reader is on its StartObject. Fields come in
    /// any order (Azure writes them alphabetically: arguments before name, index last), so the call is looked up
    /// once the whole delta is read, and its argument fragment appended then.
    /// </summary>
    private static void ReadToolCall(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts, int choiceIndex, int defaultIndex, bool isLegacy)
    {
        var index = defaultIndex;
        string? id = null;
        string? name = null;
        var arguments = default(Utf8JsonReader);
        var hasArguments = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                index = ReadInt32(ref reader) is >= 0 and var value ? value : defaultIndex;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (isLegacy)
            {
                ReadFunctionField(ref reader, ref name, ref arguments, ref hasArguments);
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    ReadFunctionField(ref reader, ref name, ref arguments, ref hasArguments);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        // Only the first choice takes part in the tool loop: server tools are offered only when n is 1.
        if (choiceIndex != 0)
        {
            facts.ClientToolDeltas++;
            return;
        }

        var call = turn.ToolCalls.Apply(index, id, name, isLegacy);
        if (hasArguments)
        {
            AppendString(ref arguments, call.ArgumentsWriter);
        }

        if (call.IsServer)
        {
            facts.ServerToolDeltas++;
        }
        else
        {
            facts.ClientToolDeltas++;
            facts.NeedsRenumbering |= call.ClientIndex != call.Index && !call.IsLegacy;
        }
    }

    /// <summary>Reads <c>name</c>, or keeps the reader's place at the <c>arguments</c> fragment to append it later.</summary>
    private static void ReadFunctionField(ref Utf8JsonReader reader, ref string? name, ref Utf8JsonReader arguments, ref bool hasArguments)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            name = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("arguments"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                arguments = reader;
                hasArguments = true;
            }
            else
            {
                reader.Skip();
            }
        }
        else
        {
            SkipValue(ref reader);
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        facts.HasUsage = true;
        long prompt = 0, completion = 0, total = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                prompt = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                completion = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = ReadInt64(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        turn.Usage = new TokenUsage(prompt, completion, total);
    }

    private static void ReadError(ref Utf8JsonReader reader, ModelTurn turn, ref ChunkFacts facts)
    {
        if (OpenAiErrorReader.ReadValue(ref reader) is { } error)
        {
            facts.IsError = true;
            turn.Error = error;
        }
    }

    private static void AppendString(ref Utf8JsonReader reader, System.Buffers.IBufferWriter<byte> destination)
    {
        if (!reader.ValueIsEscaped)
        {
            destination.WriteWhole(reader.ValueSpan);
            return;
        }

        // Unescaped text is never longer than its escaped form.
        var span = destination.GetSpan(reader.ValueSpan.Length);
        destination.Advance(reader.CopyString(span));
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        reader.Skip();
        return 0;
    }

    /// <summary>The value of the property the reader is on as an int; null (and the value skipped) for anything else.</summary>
    private static int? ReadInt32(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    /// <summary>
    /// Moves to the next object of the array the reader is in, skipping entries of other types, which carry nothing
    /// the gateway reads; false at the end of the array.
    /// </summary>
    private static bool NextObjectInArray(ref Utf8JsonReader reader)
    {
        var skipped = 0;
        return NextObjectInArray(ref reader, ref skipped);
    }

    /// <param name="reader">The reader, in an array.</param>
    /// <param name="position">Counts the entries skipped, so that it stays the position of the object in the array.</param>
    private static bool NextObjectInArray(ref Utf8JsonReader reader, ref int position)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return true;
            }

            reader.Skip();
            position++;
        }

        return false;
    }

    /// <summary>Skips the value of the property the reader is on.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
