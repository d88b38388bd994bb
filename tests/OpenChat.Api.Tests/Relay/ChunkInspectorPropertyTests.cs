using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Relay;

/// <summary>
/// The inspector, the policy and the rewriter over generated upstream chunks. A failure prints its seed;
/// <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class ChunkInspectorPropertyTests
{
    private static readonly HashSet<string> s_serverTools = [.. ChunkTexts.ServerTools];

    /// <summary>Chunks, arbitrary bytes, chunks with something after them or cut short, and the odd chunk with too many calls.</summary>
    private static readonly Gen<byte[]> s_chunks = Gen.Frequency(
        (1, Gen.Byte.Array[0, 64]),
        (12, ChunkTexts.Chunk.Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Select(ChunkTexts.Chunk, Gen.OneOf(" x", "}", "{}", " [1]", ",", "\"\""), (chunk, tail) => Encoding.UTF8.GetBytes(chunk + tail))),
        (1, Gen.Select(ChunkTexts.Chunk, Gen.Int.Positive, (chunk, at) => Encoding.UTF8.GetBytes(chunk[..(at % chunk.Length)]))),
        (1, ChunkTexts.TooManyCalls.Select(Encoding.UTF8.GetBytes)));

    /// <summary>Strings a chunk's strings are changed to: plain text mostly, as models stream it, and the odd one that is not.</summary>
    private static readonly Gen<byte[]> s_changedStrings = Gen.Frequency(
        (6, Gen.String[Gen.Char.AlphaNumeric, 0, 8].Select(text => Encoding.UTF8.GetBytes($"\"{text}\""))),
        (2, JsonTexts.String.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.OneOf(" café", "中文 😀", "a\tb", "\u0001").Select(text => Encoding.UTF8.GetBytes($"\"{text}\""))),
        (1, Gen.Const<byte[]>([(byte)'"', (byte)'a', 0xC3, 0x28, (byte)'"'])));

    /// <summary>A content chunk as OpenAI streams it: the same envelope each time, other content and padding.</summary>
    private static readonly Gen<byte[]> s_openAIChunk = Gen.Select(s_changedStrings, s_changedStrings, (content, padding) => (byte[])[
        .. """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"""u8,
        .. content, .. """},"logprobs":null,"finish_reason":null}],"obfuscation":"""u8, .. padding, .. "}"u8]);

    /// <summary>
    /// A stream of chunks mostly of one shape, as a model streams them: a chunk, then copies of it with some of its strings
    /// (names or values) changed, OpenAI's chunks, and now and then another chunk.
    /// </summary>
    private static readonly Gen<byte[][]> s_streamsOfOneShape = Gen.Select(
            Gen.Frequency((1, ChunkTexts.Chunk.Select(Encoding.UTF8.GetBytes)), (1, s_openAIChunk)),
            Gen.Frequency(
                (4, Gen.Select(Gen.Int.Positive, s_changedStrings).Array[0, 3].Select(changes => (Changes: changes, Other: (byte[]?)null))),
                (4, s_openAIChunk.Select(other => (Changes: Array.Empty<(int, byte[])>(), Other: (byte[]?)other))),
                (1, s_chunks.Select(other => (Changes: Array.Empty<(int, byte[])>(), Other: (byte[]?)other)))).Array[1, 12])
        .Select((shape, next) => next.Select(item => item.Other ?? ChangeStrings(shape, item.Changes)).Prepend(shape).ToArray());

    [Fact]
    public void A_stream_inspected_against_its_template_reads_as_every_chunk_read_in_full()
    {
        var inspected = 0;
        var matches = 0;
        // The content goes where the relay puts it, the transcript's capped buffer, whose cap the streams reach.
        Gen.Select(s_streamsOfOneShape, Gen.Int[1, 64]).Sample((chunks, contentCap) =>
        {
            var matched = new ModelTurn(s_serverTools, new CappedByteBuffer(contentCap), maxArgumentBytes: 256);
            var inFull = new ModelTurn(s_serverTools, new CappedByteBuffer(contentCap), maxArgumentBytes: 256);
            foreach (var chunk in chunks)
            {
                Interlocked.Increment(ref inspected);
                if (matched.Template.TryMatch(chunk, new ArrayBufferWriter<byte>(), out _))
                {
                    Interlocked.Increment(ref matches);
                }

                var expected = Outcome(() => ChunkInspector.InspectInFull(chunk, inFull));
                var actual = Outcome(() => ChunkInspector.Inspect(chunk, matched));

                Assert.Equal(expected, actual);
                Assert.Equal(StateOf(inFull), StateOf(matched));
                if (expected.Code is not null)
                {
                    return;
                }
            }
        }, iter: 3000, print: t => $"content cap {t.Item2}, chunks:\n{string.Join("\n", t.Item1.Select(chunk => Printable.Bytes(chunk)))}");

        // Else the streams would test only the reading in full.
        Assert.True(matches > inspected / 10, $"{matches} of {inspected} chunks matched their turn's template.");
    }

    [Fact]
    public void Inspects_decides_and_rewrites_any_stream_of_chunks_without_throwing_and_rewrites_into_json()
    {
        Gen.Select(s_chunks.Array[1, 10], Gen.Int[1, 3], Gen.Bool, Gen.Enum<ClientRole>()).Sample((chunks, round, clientWantsUsage, role) =>
        {
            var turn = NewTurn();
            foreach (var chunk in chunks)
            {
                ChunkFacts facts;
                try
                {
                    facts = ChunkInspector.Inspect(chunk, turn);
                }
                catch (ApiErrorException exception)
                {
                    // The one failure the relay expects from a chunk: it ends the stream with an error event.
                    Assert.Equal(("upstream_too_many_tool_calls", 502), (exception.Error.Code, exception.Error.Status));
                    Assert.Equal(ToolCallAccumulator.MaxCalls, turn.ToolCalls.Calls.Count);
                    return;
                }

                if (!facts.IsOpaque)
                {
                    AssertJson(chunk, "The inspector read a chunk that is not JSON.");
                }

                if (ChunkPolicy.Decide(facts, turn, round, clientWantsUsage, role) is { } rewrite and not ChunkRewrite.None
                    && !TryRewrite(chunk, turn, rewrite, turn.Usage))
                {
                    return;
                }

                // As the relay does: the first chunk with a choice carries the role to the client.
                role = role == ClientRole.Pending && !facts.IsOpaque && !facts.HasNoChoices ? ClientRole.Sent : role;
            }
        }, iter: 1500, print: t => $"round {t.Item2}, usage {t.Item3}, role {t.Item4}, chunks:\n{string.Join("\n", t.Item1.Select(c => Printable.Bytes(c)))}");
    }

    [Fact]
    public void Rewrites_any_chunk_the_inspector_read_in_every_way_a_whole_response_is_rewritten()
    {
        Gen.Select(s_chunks, Gen.Int[0, 31]).Sample((chunk, flags) =>
        {
            var turn = NewTurn();
            try
            {
                if (ChunkInspector.Inspect(chunk, turn).IsOpaque)
                {
                    return;
                }
            }
            catch (ApiErrorException)
            {
                return;
            }

            TryRewrite(chunk, turn, (ChunkRewrite)flags, new TokenUsage(1, 2, 3));
        }, iter: 1500, print: t => $"flags {(ChunkRewrite)t.Item2}, chunk {Printable.Bytes(t.Item1)}");
    }

    [Fact]
    public void Reads_a_chunk_to_its_last_field_whatever_the_fields_before_it_hold()
    {
        ChunkTexts.FieldsButModel.Sample(fields =>
        {
            var chunk = Encoding.UTF8.GetBytes(JsonTexts.Object([.. fields, ("\"model\"", "\"the-last-field\"")]));
            var turn = NewTurn();

            var facts = ChunkInspector.Inspect(chunk, turn);

            Assert.True(facts.IsOpaque || turn.ResponseModel == "the-last-field", $"The inspector stopped before the last field (model {turn.ResponseModel}).");
        }, iter: 1500, print: fields => JsonTexts.Object(fields));
    }

    /// <summary>
    /// Rewrites the chunk and checks the result is JSON, or checks the rewriter refused it as the relay expects: with a
    /// 502 that ends the stream with an error event, and only for a chunk no JSON document holds.
    /// </summary>
    /// <returns>False when the rewriter refused the chunk.</returns>
    private static bool TryRewrite(byte[] chunk, ModelTurn turn, ChunkRewrite rewrite, TokenUsage? usage)
    {
        try
        {
            if (ChunkRewriter.Rewrite(chunk, turn.ToolCalls, rewrite, usage) is { } rewritten)
            {
                AssertJson(rewritten, "The rewriter wrote something that is not JSON.");
            }

            return true;
        }
        catch (ApiErrorException exception)
        {
            Assert.Equal(("upstream_invalid_response", 502), (exception.Error.Code, exception.Error.Status));
            Assert.True(RepeatsANameOrEscapesALoneSurrogate(chunk), "The rewriter refused a chunk with unique names and valid strings.");
            return false;
        }
    }

    private static bool RepeatsANameOrEscapesALoneSurrogate(byte[] json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String)
                {
                    reader.GetString();
                }
            }

            return false;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return true;
        }
    }

    private static ModelTurn NewTurn() => new(s_serverTools, new ArrayBufferWriter<byte>(), maxArgumentBytes: 256);

    private static (ChunkFacts Facts, string? Code) Outcome(Func<ChunkFacts> inspect)
    {
        try
        {
            return (inspect(), null);
        }
        catch (ApiErrorException exception)
        {
            return (default, exception.Error.Code);
        }
    }

    /// <summary>All the turn holds, as text to compare.</summary>
    private static string StateOf(ModelTurn turn) => string.Join("|",
        Printable.Bytes(((CappedByteBuffer)turn.Content).WrittenSpan), ((CappedByteBuffer)turn.Content).Truncated, turn.ResponseId, turn.ResponseModel, turn.FinishReason, turn.Usage,
        turn.Error?.Message, string.Join(";", turn.ToolCalls.Calls.Select(call => $"{call.Index},{call.Id},{call.Name},{call.IsServer},{call.ClientIndex},{call.Arguments}")));

    /// <summary>The chunk with some of its strings (names or values) replaced, each picked by its position among them.</summary>
    private static byte[] ChangeStrings(byte[] chunk, (int At, byte[] String)[] changes)
    {
        var strings = new List<(int Start, int Length)>();
        var reader = new Utf8JsonReader(chunk);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    strings.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2));
                }
            }
        }
        catch (JsonException)
        {
            // The strings before the chunk stopped being JSON are enough.
        }

        var changed = chunk.ToList();
        foreach (var (token, text) in changes.Where(_ => strings.Count > 0)
            .Select(change => (Token: strings[change.At % strings.Count], change.String))
            .DistinctBy(change => change.Token.Start)
            .OrderByDescending(change => change.Token.Start))
        {
            changed.RemoveRange(token.Start, token.Length);
            changed.InsertRange(token.Start, text);
        }

        return [.. changed];
    }

    private static void AssertJson(byte[] json, string message)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            Assert.Fail($"{message} {exception.Message}");
        }
    }
}
