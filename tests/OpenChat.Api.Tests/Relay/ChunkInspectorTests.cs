using System.Buffers;
using System.Text;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Api.Tests.Relay;

public sealed class ChunkInspectorTests
{
    private static readonly HashSet<string> s_serverTools = ["calculate"];

    [Fact]
    public void Collects_unescaped_content_ids_and_model()
    {
        var (turn, content) = NewTurn();

        var facts = ChunkInspector.Inspect("""
            {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024","choices":[{"index":0,"delta":{"content":"caf\u00e9 \"ok\""},"logprobs":null,"finish_reason":null}]}
            """u8, turn);

        Assert.True(facts.HasContent);
        Assert.Equal("café \"ok\"", Encoding.UTF8.GetString(content.WrittenSpan));
        Assert.Equal("chatcmpl-1", turn.ResponseId);
        Assert.Equal("gpt-4o-mini-2024", turn.ResponseModel);
    }

    [Fact]
    public void Reads_every_chunk_of_a_stream_whose_chunks_repeat_id_and_model()
    {
        var (turn, content) = NewTurn();
        const string Envelope = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\"";

        foreach (var piece in new[] { "one", " two", " three" })
        {
            ChunkInspector.Inspect(Encoding.UTF8.GetBytes("{" + Envelope + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"}}],\"usage\":null}"), turn);
        }

        var usage = ChunkInspector.Inspect(Encoding.UTF8.GetBytes("{" + Envelope + ""","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}"""), turn);

        Assert.Equal("one two three", Encoding.UTF8.GetString(content.WrittenSpan));
        Assert.True(usage.HasNoChoices && usage.HasUsage);
        Assert.Equal(new TokenUsage(1, 3, 4), turn.Usage);
    }

    [Fact]
    public void Classes_the_role_chunk_as_role_only()
    {
        var (turn, _) = NewTurn();

        var facts = ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]}"""u8, turn);

        Assert.True(facts.IsRoleOnly);
    }

    [Fact]
    public void Treats_unknown_delta_fields_as_content_for_the_client()
    {
        var (turn, _) = NewTurn();

        var facts = ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"hmm"}}]}"""u8, turn);

        Assert.False(facts.IsRoleOnly);
        Assert.True(facts.HasOtherDeltaFields);
    }

    [Fact]
    public void Accumulates_parallel_tool_calls_by_index_and_classes_them()
    {
        var (turn, _) = NewTurn();
        string[] chunks =
        [
            """{"id":"chatcmpl-7","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""",
            """{"id":"chatcmpl-7","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}""",
            """{"id":"chatcmpl-7","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"calculate","arguments":"{\"expression\""}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":":\"1+1\"}"}}]}}]}""",
            """{"id":"chatcmpl-7","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
        ];

        var facts = chunks.Select(chunk => ChunkInspector.Inspect(Encoding.UTF8.GetBytes(chunk), turn)).ToList();

        var calls = turn.ToolCalls.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_a", "get_weather", """{"city":"Paris"}""", false), (calls[0].Id, calls[0].Name, calls[0].Arguments, calls[0].IsServer));
        Assert.Equal(("call_b", "calculate", """{"expression":"1+1"}""", true), (calls[1].Id, calls[1].Name, calls[1].Arguments, calls[1].IsServer));
        Assert.Equal([0, 0, 1, 0, 1, 0], facts.Select(f => f.ServerToolDeltas));
        Assert.Equal("tool_calls", turn.FinishReason);
        Assert.False(turn.EndsInServerToolCalls);
    }

    [Fact]
    public void Ends_in_server_tool_calls_only_when_every_call_is_a_server_call()
    {
        var (turn, _) = NewTurn();
        ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"calculate","arguments":"{}"}}]}}]}"""u8, turn);

        var facts = ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""u8, turn);

        Assert.True(facts.HasFinish);
        Assert.True(turn.EndsInServerToolCalls);
    }

    [Fact]
    public void Understands_the_legacy_function_call_form()
    {
        var (turn, _) = NewTurn();

        ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"function_call":{"name":"calculate","arguments":""}}}]}"""u8, turn);
        var facts = ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"function_call":{"arguments":"{\"expression\":\"2\"}"}}}]}"""u8, turn);

        var call = Assert.Single(turn.ToolCalls.Calls);
        Assert.True(call.IsLegacy);
        Assert.True(call.IsServer);
        Assert.Equal("""{"expression":"2"}""", call.Arguments);
        Assert.True(facts.IsServerToolCallsOnly);
    }

    [Fact]
    public void Reads_a_whole_non_streamed_message_with_calls_indexed_by_position()
    {
        var (turn, content) = NewTurn();

        ChunkInspector.Inspect("""
            {"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"thinking","tool_calls":[
              {"id":"a","type":"function","function":{"name":"calculate","arguments":"{}"}},
              {"id":"b","type":"function","function":{"name":"other","arguments":"{\"q\":1}"}}]},"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}
            """u8, turn);

        Assert.Equal("thinking", Encoding.UTF8.GetString(content.WrittenSpan));
        Assert.Equal([0, 1], turn.ToolCalls.Calls.Select(call => call.Index));
        Assert.Equal("""{"q":1}""", turn.ToolCalls.Calls[1].Arguments);
        Assert.Equal(new TokenUsage(5, 7, 12), turn.Usage);
    }

    [Fact]
    public void Reads_the_usage_chunk_and_upstream_errors()
    {
        var (turn, _) = NewTurn();

        var usage = ChunkInspector.Inspect("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":0}}}"""u8, turn);
        var error = ChunkInspector.Inspect("""{"error":{"message":"overloaded","type":"server_error","code":503,"param":null}}"""u8, turn);

        Assert.True(usage.HasNoChoices && usage.HasUsage);
        Assert.Equal(new TokenUsage(3, 4, 7), turn.Usage);
        Assert.True(error.IsError);
        Assert.Equal(new OpenAiErrorBody("overloaded", "server_error", "503", null), turn.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"cut")]
    [InlineData("{\"choices\":[]} x")]
    [InlineData("{\"choices\":[]}{}")]
    public void Leaves_what_it_cannot_read_opaque(string data)
    {
        var (turn, _) = NewTurn();

        Assert.True(ChunkInspector.Inspect(Encoding.UTF8.GetBytes(data), turn).IsOpaque);
    }

    [Theory]
    [InlineData("""{"choices":[null,{"index":0,"delta":{"content":"hi"}}],"model":"m"}""")]
    [InlineData("""{"choices":[{"finish_reason":{"a":1},"delta":{"content":"hi"},"index":[0]}],"model":"m"}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[1,{"index":{"i":0},"function":{"name":"get_weather"}}],"content":"hi"}}],"model":"m"}""")]
    [InlineData("""{"usage":{"prompt_tokens":[1],"total_tokens":{"n":2}},"choices":[{"delta":{"content":"hi"}}],"model":"m"}""")]
    public void Skips_values_of_unexpected_types_and_reads_on_to_the_end(string data)
    {
        var (turn, content) = NewTurn();

        var facts = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(data), turn);

        Assert.False(facts.IsOpaque);
        Assert.Equal("m", turn.ResponseModel);
        Assert.Equal("hi", Encoding.UTF8.GetString(content.WrittenSpan));
    }

    private static (ModelTurn Turn, ArrayBufferWriter<byte> Content) NewTurn()
    {
        var content = new ArrayBufferWriter<byte>();
        return (new ModelTurn(s_serverTools, content, 64 * 1024), content);
    }
}
