using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
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

        Assert.Equal(ChunkRewrite.None, Decide(RoleChunk, NewTurn(), round: 1, role: ClientRole.Pending));
        Assert.Null(Decide(RoleChunk, NewTurn(), round: 2, role: ClientRole.Sent));
    }

    [Fact]
    public void Holds_the_role_of_a_first_chunk_that_is_all_server_tool_call_for_the_next_round_to_announce()
    {
        // OpenAI's shape: the first chunk of a tool-call turn carries the role with the first call.
        const string FirstChunk = """{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"calculate","arguments":""}}],"refusal":null},"finish_reason":null}]}""";
        const string NextRoundRole = """{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""";

        Assert.Null(Decide(FirstChunk, NewTurn(), round: 1, role: ClientRole.Pending));
        Assert.Equal(ChunkRewrite.None, Decide(NextRoundRole, NewTurn(), round: 2, role: ClientRole.Pending));
    }

    [Fact]
    public void Adds_the_role_to_the_first_chunk_the_client_sees_when_it_has_none()
    {
        const string Content = """{"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}""";
        var turn = NewTurn();

        var rewrite = Decide(Content, turn, round: 2, role: ClientRole.Pending);
        var rewritten = JsonNode.Parse(ChunkRewriter.Rewrite(Encoding.UTF8.GetBytes(Content), turn.ToolCalls, rewrite!.Value, usage: null))!;

        Assert.Equal(ChunkRewrite.AddRole, rewrite);
        Assert.Equal("""{"role":"assistant","content":"hi"}""", rewritten["choices"]![0]!["delta"]!.ToJsonString());
    }

    [Fact]
    public void Takes_a_repeated_role_out_of_a_chunk_that_carries_more()
    {
        // Ollama's shape: every delta repeats the role.
        const string Content = """{"choices":[{"index":0,"delta":{"role":"assistant","content":"hi"},"finish_reason":null}]}""";
        var turn = NewTurn();

        var rewrite = Decide(Content, turn, round: 1, role: ClientRole.Sent);
        var rewritten = JsonNode.Parse(ChunkRewriter.Rewrite(Encoding.UTF8.GetBytes(Content), turn.ToolCalls, rewrite!.Value, usage: null))!;

        Assert.Equal(ChunkRewrite.StripRole, rewrite);
        Assert.Equal("""{"content":"hi"}""", rewritten["choices"]![0]!["delta"]!.ToJsonString());
    }

    [Fact]
    public void Passes_a_request_chunk_without_choices_in_the_first_round_only()
    {
        // Azure's prompt filter results come first, in a chunk of their own.
        const string PromptFilter = """{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}""";

        Assert.Equal(ChunkRewrite.None, Decide(PromptFilter, NewTurn(), round: 1, role: ClientRole.Pending));
        Assert.Null(Decide(PromptFilter, NewTurn(), round: 2, role: ClientRole.Sent));
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

    [Theory]
    [InlineData("""{"id":"x","id":"x","choices":[{"index":0,"delta":{"content":"hi"}}]}""")]
    [InlineData("""{"system_fingerprint":"\ud800","choices":[{"index":0,"delta":{"content":"hi"}}]}""")]
    public void Refuses_with_a_502_a_chunk_no_json_document_holds(string json)
    {
        var turn = NewTurn();

        var exception = Assert.Throws<ApiErrorException>(() => ChunkRewriter.Rewrite(Encoding.UTF8.GetBytes(json), turn.ToolCalls, ChunkRewrite.AddRole, usage: null));

        Assert.Equal((502, "upstream_invalid_response"), (exception.Error.Status, exception.Error.Code));
    }

    private static ModelTurn NewTurn() => new(s_serverTools, new ArrayBufferWriter<byte>(), 64 * 1024);

    private static ChunkRewrite? Decide(string json, ModelTurn turn, int round, bool clientWantsUsage = false, ClientRole role = ClientRole.Sent)
    {
        var facts = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(json), turn);
        return ChunkPolicy.Decide(facts, turn, round, clientWantsUsage, role);
    }
}
