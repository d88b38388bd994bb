using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenChat.ModelSimulator.Profiles;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// Writes the chat-completion JSON of one answer: the chunks of a stream (<c>chat.completion.chunk</c>) and the
/// whole object of a non-streamed answer (<c>chat.completion</c>), with the fields, field order and deltas
/// its <see cref="IProviderProfile"/> says the provider uses.
/// </summary>
public sealed class CompletionJsonWriter : IDisposable
{
    private const string ObfuscationAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // Providers escape a quote as \" and send other characters as they are, not as \u0022 and friends.
    private static readonly JsonWriterOptions s_wireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IProviderProfile _profile;
    private readonly string _id;
    private readonly long _created;
    private readonly string _model;
    private readonly int _promptTokens;
    private readonly bool _includeUsage;
    private readonly bool _runningUsage;
    private readonly bool _obfuscate;

    // One writer per answer, reset onto each chunk's buffer: no writer allocated per chunk. A profile that
    // sorts keys writes into a scratch buffer first and the sorted copy into the chunk's.
    private readonly Utf8JsonWriter _writer = new(Stream.Null, s_wireOptions);
    private readonly Utf8JsonWriter? _sortedWriter;
    private readonly ArrayBufferWriter<byte>? _unsorted;
    private IBufferWriter<byte>? _output;

    private bool _roleSent;
    private int _completionTokens;
    private int _obfuscated;

    public CompletionJsonWriter(IProviderProfile profile, string id, long created, SimulatedRequest request)
    {
        _profile = profile;
        _id = id;
        _created = created;
        _model = request.Model;
        _promptTokens = request.PromptTokens;
        _includeUsage = request.IncludeUsage;
        _runningUsage = request.IncludeUsage && request.ContinuousUsage && profile.UsageOnChunks == UsageOnChunks.RunningWhenAsked;
        _obfuscate = profile.Obfuscates && request.IncludeObfuscation;
        if (profile.SortsKeys)
        {
            _sortedWriter = new Utf8JsonWriter(Stream.Null, s_wireOptions);
            _unsorted = new ArrayBufferWriter<byte>(512);
        }
    }

    private enum CallPart
    {
        None,
        Start,
        Fragment,
        Whole,
    }

    public void Dispose()
    {
        _writer.Dispose();
        _sortedWriter?.Dispose();
    }

    /// <summary>Azure's first chunk: no choices, no id or model yet, only the prompt's filter results.</summary>
    public void WritePromptFilterChunk(IBufferWriter<byte> output)
    {
        var writer = Start(output);
        writer.WriteStartObject();
        writer.WriteStartArray("choices"u8);
        writer.WriteEndArray();
        writer.WriteNumber("created"u8, 0);
        writer.WriteString("id"u8, ""u8);
        writer.WriteString("model"u8, ""u8);
        writer.WriteString("object"u8, ""u8);
        ContentFilterResults.WritePromptResults(writer);
        writer.WriteEndObject();
        End();
    }

    public void WriteRoleChunk(IBufferWriter<byte> output) => WriteChunk(output, "", default);

    public void WriteContentChunk(IBufferWriter<byte> output, string piece)
    {
        _completionTokens++;
        WriteChunk(output, piece, default);
    }

    /// <summary>The first delta of a call: its index, id, type and name (with empty arguments where the profile sends them).</summary>
    public void WriteToolCallStart(IBufferWriter<byte> output, int index, SimulatedToolCall call, bool legacy) =>
        WriteChunk(output, null, new CallDelta(CallPart.Start, index, call, null, legacy));

    /// <summary>A later delta of a call: only its index and a fragment of its arguments.</summary>
    public void WriteToolCallFragment(IBufferWriter<byte> output, int index, SimulatedToolCall call, string fragment, bool legacy)
    {
        _completionTokens++;
        WriteChunk(output, null, new CallDelta(CallPart.Fragment, index, call, fragment, legacy));
    }

    /// <summary>A whole call, arguments and all, in one delta.</summary>
    public void WriteWholeToolCall(IBufferWriter<byte> output, int index, SimulatedToolCall call, bool legacy)
    {
        _completionTokens += call.Fragments.Count;
        WriteChunk(output, null, new CallDelta(CallPart.Whole, index, call, null, legacy));
    }

    public void WriteFinishChunk(IBufferWriter<byte> output, string finishReason) =>
        WriteChunk(output, null, default, finishReason);

    /// <summary>The extra chunk of <c>stream_options.include_usage</c>: no choices, only usage.</summary>
    public void WriteUsageChunk(IBufferWriter<byte> output, int completionTokens)
    {
        var writer = Start(output);
        WriteEnvelope(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteEndArray();
        _profile.WriteUsage(writer, _promptTokens, completionTokens);
        WriteObfuscation(writer, 0);
        writer.WriteEndObject();
        End();
    }

    /// <summary>The whole answer of a request without streaming.</summary>
    public void WriteCompletion(IBufferWriter<byte> output, SimulatedAnswer answer)
    {
        var writer = Start(output);
        WriteEnvelope(writer, "chat.completion"u8);
        if (_profile.FiltersContent)
        {
            ContentFilterResults.WritePromptResults(writer);
        }

        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        if (_profile.FiltersContent)
        {
            ContentFilterResults.WriteChoiceResults(writer, rated: answer.ToolCalls.Count == 0);
        }

        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (answer.ToolCalls.Count == 0)
        {
            writer.WriteString("content"u8, answer.Content);
        }
        else
        {
            WriteContentBesideToolCalls(writer);
        }

        if (_profile.RefusalBesideRole)
        {
            writer.WriteNull("refusal"u8);
        }

        if (answer.ToolCalls.Count > 0)
        {
            WriteWholeToolCalls(writer, answer);
        }

        if (_profile.WritesAnnotations)
        {
            writer.WriteStartArray("annotations"u8);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        WriteFinish(writer, answer.FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        _profile.WriteUsage(writer, _promptTokens, answer.CompletionTokens);
        writer.WriteEndObject();
        End();
    }

    private void WriteWholeToolCalls(Utf8JsonWriter writer, SimulatedAnswer answer)
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
        for (var index = 0; index < answer.ToolCalls.Count; index++)
        {
            var call = answer.ToolCalls[index];
            writer.WriteStartObject();
            _profile.WriteToolCallIdentity(writer, index, call.Id, streamed: false);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteChunk(IBufferWriter<byte> output, string? text, CallDelta call, string? finishReason = null)
    {
        var writer = Start(output);
        WriteEnvelope(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        if (_profile.FiltersContent)
        {
            ContentFilterResults.WriteChoiceResults(writer, rated: text is { Length: > 0 });
        }

        writer.WriteStartObject("delta"u8);
        WriteDelta(writer, text, call, finishing: finishReason is not null);
        writer.WriteEndObject();
        WriteFinish(writer, finishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (_runningUsage)
        {
            _profile.WriteUsage(writer, _promptTokens, _completionTokens);
        }
        else if (_includeUsage && _profile.UsageOnChunks == UsageOnChunks.Null)
        {
            writer.WriteNull("usage"u8);
        }

        WriteObfuscation(writer, (text?.Length ?? 0) + (call.Fragment?.Length ?? 0));
        writer.WriteEndObject();
        End();
    }

    private void WriteDelta(Utf8JsonWriter writer, string? text, CallDelta call, bool finishing)
    {
        var withRole = _profile.Role == RoleDelivery.EveryDelta || !_roleSent;
        if (withRole)
        {
            writer.WriteString("role"u8, "assistant"u8);
            _roleSent = true;
        }

        if (text is not null)
        {
            writer.WriteString("content"u8, text);
        }
        else if (call.Part != CallPart.None && withRole)
        {
            WriteContentBesideToolCalls(writer);
        }
        else if (finishing && _profile.EmptyContentInFinishDelta)
        {
            writer.WriteString("content"u8, ""u8);
        }

        if (call.Part != CallPart.None)
        {
            WriteCallDelta(writer, call);
        }

        if (withRole && _profile.RefusalBesideRole)
        {
            writer.WriteNull("refusal"u8);
        }
    }

    private void WriteCallDelta(Utf8JsonWriter writer, CallDelta delta)
    {
        var call = delta.Call!;
        if (delta.Legacy)
        {
            writer.WriteStartObject("function_call"u8);
            if (delta.Part != CallPart.Fragment)
            {
                writer.WriteString("name"u8, call.Name);
            }

            writer.WriteString("arguments"u8, ArgumentsOf(delta) ?? "");
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        if (delta.Part == CallPart.Fragment)
        {
            writer.WriteNumber("index"u8, delta.Index);
        }
        else
        {
            _profile.WriteToolCallIdentity(writer, delta.Index, call.Id, streamed: true);
        }

        writer.WriteStartObject("function"u8);
        if (delta.Part != CallPart.Fragment)
        {
            writer.WriteString("name"u8, call.Name);
        }

        if (ArgumentsOf(delta) is { } arguments)
        {
            writer.WriteString("arguments"u8, arguments);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>The arguments a call delta carries: a fragment, all of them, or none at all after a bare name.</summary>
    private string? ArgumentsOf(CallDelta delta) => delta.Part switch
    {
        CallPart.Fragment => delta.Fragment,
        CallPart.Whole => delta.Call!.Arguments,
        _ when delta.Legacy || _profile.ToolCalls == ToolCallDelivery.NameWithEmptyArgumentsThenFragments => "",
        _ => null,
    };

    private void WriteContentBesideToolCalls(Utf8JsonWriter writer)
    {
        if (_profile.EmptyContentBesideToolCalls)
        {
            writer.WriteString("content"u8, ""u8);
        }
        else
        {
            writer.WriteNull("content"u8);
        }
    }

    private void WriteFinish(Utf8JsonWriter writer, string? finishReason)
    {
        if (_profile.WritesLogprobs)
        {
            writer.WriteNull("logprobs"u8);
        }

        writer.WriteString("finish_reason"u8, finishReason);
        if (finishReason is not null && _profile.WritesStopReason)
        {
            // vLLM names the stop string or token that ended the answer; a natural end has none.
            writer.WriteNull("stop_reason"u8);
        }
    }

    private void WriteEnvelope(Utf8JsonWriter writer, ReadOnlySpan<byte> objectType)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, _id);
        writer.WriteString("object"u8, objectType);
        writer.WriteNumber("created"u8, _created);
        writer.WriteString("model"u8, _model);
        if (_profile.ServiceTier is { } tier)
        {
            writer.WriteString("service_tier"u8, tier);
        }

        if (_profile.SystemFingerprint is { } fingerprint)
        {
            writer.WriteString("system_fingerprint"u8, fingerprint);
        }
    }

    // Characters that pad small deltas towards a common size, as OpenAI does against length side channels.
    // OpenAI's are random; these follow from the chunk's place, so one script streams the same bytes twice.
    private void WriteObfuscation(Utf8JsonWriter writer, int payloadLength)
    {
        if (!_obfuscate)
        {
            return;
        }

        _obfuscated++;
        Span<char> padding = stackalloc char[16];
        var length = 15 - (payloadLength % 16);
        for (var i = 0; i < length; i++)
        {
            padding[i] = ObfuscationAlphabet[((_obfuscated * 31) + (i * 7)) % ObfuscationAlphabet.Length];
        }

        writer.WriteString("obfuscation"u8, padding[..length]);
    }

    private Utf8JsonWriter Start(IBufferWriter<byte> output)
    {
        if (_unsorted is null)
        {
            _writer.Reset(output);
            return _writer;
        }

        _output = output;
        _unsorted.ResetWrittenCount();
        _writer.Reset(_unsorted);
        return _writer;
    }

    private void End()
    {
        _writer.Flush();
        if (_unsorted is not null)
        {
            _sortedWriter!.Reset(_output!);
            SortedKeysJson.Rewrite(_unsorted.WrittenMemory, _sortedWriter);
        }
    }

    private readonly record struct CallDelta(CallPart Part, int Index, SimulatedToolCall? Call, string? Fragment, bool Legacy);
}
