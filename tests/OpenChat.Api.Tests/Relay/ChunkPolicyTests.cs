using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using OpenChat.Api.Completions;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Api.Tests.Relay;

public sealed class ChunkPolicyTests
{
    private static readonly HashSet<string> s_serverTools = ["calculate"];

    [Fact]
    public void Forwards_content_as_it_came()
    {
        var turn = NewTurn();

        Assert.Equal(ChunkRewrite.None, Decide("""{"choices":[{"index":0,"delta":{"content":"hi"}}]}""", turn, round: 1));
    }

    [Fact]
    public void Hides_server_tool_deltas_and_the_finish_of_a_turn_that_continues()
    {
        var turn = NewTurn();

        Assert.Null(Decide("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"calculate","arguments":""}}]}}]}""", turn, 1));
        Assert.Null(Decide("""{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""", turn, 1));
        Assert.Null(Decide("""{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""", turn, 1, clientWantsUsage: true));
    }

    [Fact]
    public void Hides_the_repeated_role_chunk_of_later_rounds()
    {
        const string RoleChunk = """{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""";

        Assert.Equal(ChunkRewrite.None, Decide(RoleChunk, NewTurn(), round: 1));
        Assert.Null(Decide(RoleChunk, NewTurn(), round: 2));
    }

    [Fact]
    public void Gives_usage_only_to_clients_that_asked_and_sums_it_after_tool_rounds()
    {
        const string UsageChunk = """{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

        Assert.Null(Decide(UsageChunk, NewTurn(), round: 1, clientWantsUsage: false));
        Assert.Equal(ChunkRewrite.None, Decide(UsageChunk, NewTurn(), round: 1, clientWantsUsage: true));
        Assert.Equal(ChunkRewrite.Usage, Decide(UsageChunk, NewTurn(), round: 2, clientWantsUsage: true));
    }

    [Fact]
    public void Renumbers_client_calls_that_follow_a_server_call()
    {
        var turn = NewTurn();
        Decide("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"s","type":"function","function":{"name":"calculate","arguments":"{}"}}]}}]}""", turn, 1);
        const string ClientCall = """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"c","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}}]}""";

        var rewrite = Decide(ClientCall, turn, 1);
        var rewritten = ChunkRewriter.Rewrite(Encoding.UTF8.GetBytes(ClientCall), turn.ToolCalls, rewrite!.Value, usage: null);

        Assert.Equal(ChunkRewrite.ToolCalls, rewrite);
        var call = JsonNode.Parse(rewritten)!["choices"]![0]!["delta"]!["tool_calls"]![0]!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Rewrites_usage_with_the_sum_and_keeps_other_fields()
    {
        var turn = NewTurn();
        var json = """{"id":"x","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"extra":"kept"},"unknown":[1,2]}"""u8;

        var rewritten = JsonNode.Parse(ChunkRewriter.Rewrite(json, turn.ToolCalls, ChunkRewrite.Usage, new TokenUsage(10, 20, 30)))!;

        Assert.Equal(10, rewritten["usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(30, rewritten["usage"]!["total_tokens"]!.GetValue<long>());
        Assert.Equal("kept", rewritten["usage"]!["extra"]!.GetValue<string>());
        Assert.Equal(2, rewritten["unknown"]!.AsArray().Count);
    }

    private static ModelTurn NewTurn() => new(s_serverTools, new ArrayBufferWriter<byte>());

    private static ChunkRewrite? Decide(string json, ModelTurn turn, int round, bool clientWantsUsage = false)
    {
        var facts = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(json), turn);
        return ChunkPolicy.Decide(facts, turn, round, clientWantsUsage);
    }
}
