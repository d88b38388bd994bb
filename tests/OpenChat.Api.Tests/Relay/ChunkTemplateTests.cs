using System.Buffers;
using System.Text;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Api.Tests.Relay;

/// <summary>
/// The turn's last content chunk as a template for the next: which chunks match it (and are then only copied from),
/// and which are read in full.
/// </summary>
public sealed class ChunkTemplateTests
{
    private static readonly HashSet<string> s_serverTools = ["calculate"];

    /// <summary>As OpenAI streams it: the same envelope on every chunk, and padding that differs in each.</summary>
    private static byte[] OpenAIChunk(string content, string padding = "xQ3", string finish = "null") => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732480000,\"model\":\"gpt-4o-mini\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"logprobs\":null,\"finish_reason\":"
        + finish + "}],\"usage\":null,\"obfuscation\":\"" + padding + "\"}");

    [Fact]
    public void A_chunk_that_differs_only_in_content_and_padding_matches_and_its_content_is_copied()
    {
        var (turn, content) = NewTurn();
        var first = ChunkInspector.Inspect(OpenAIChunk("Hello"), turn);

        var matched = turn.Template.TryMatch(OpenAIChunk(", wörld 😀", padding: "a1b2c3d4"), content, out var facts);

        Assert.True(matched);
        Assert.Equal(first, facts);
        Assert.True(facts.HasContent);
        Assert.Equal("Hello, wörld 😀", Encoding.UTF8.GetString(content.WrittenSpan));
    }

    [Theory]
    [InlineData("with \\\"escapes\\\"")]
    [InlineData("")]
    [InlineData("a\tb")]
    public void A_chunk_whose_content_needs_reading_or_is_empty_does_not_match(string differentContent)
    {
        var (turn, content) = NewTurn();
        ChunkInspector.Inspect(OpenAIChunk("Hello"), turn);

        Assert.False(turn.Template.TryMatch(OpenAIChunk(differentContent), content, out _));
        Assert.Equal("Hello", Encoding.UTF8.GetString(content.WrittenSpan));
    }

    [Fact]
    public void A_chunk_that_differs_anywhere_else_does_not_match_and_nothing_is_copied()
    {
        var (turn, content) = NewTurn();
        ChunkInspector.Inspect(OpenAIChunk("Hello"), turn);

        Assert.False(turn.Template.TryMatch(OpenAIChunk(" there", finish: "\"stop\""), content, out _));
        Assert.False(turn.Template.TryMatch(OpenAIChunk(" there").AsSpan(0, 50), content, out _));
        Assert.False(turn.Template.TryMatch([.. OpenAIChunk(" there"), .. " "u8], content, out _));
        Assert.Equal("Hello", Encoding.UTF8.GetString(content.WrittenSpan));
    }

    [Fact]
    public void Chunks_that_finish_or_call_tools_are_not_kept_so_the_content_chunk_before_them_stays_the_template()
    {
        var (turn, content) = NewTurn();
        ChunkInspector.Inspect(OpenAIChunk("Hello"), turn);
        ChunkInspector.Inspect(OpenAIChunk(" there", finish: "\"stop\""), turn);
        ChunkInspector.Inspect("""{"choices":[{"index":0,"delta":{"content":"x","tool_calls":[{"index":0,"id":"c","function":{"name":"calculate","arguments":""}}]}}]}"""u8, turn);

        Assert.True(turn.Template.TryMatch(OpenAIChunk("!"), content, out _));
        Assert.Equal("Hello therex!", Encoding.UTF8.GetString(content.WrittenSpan));
        Assert.Equal("stop", turn.FinishReason);
    }

    [Fact]
    public void A_content_chunk_of_another_shape_becomes_the_template()
    {
        var (turn, content) = NewTurn();
        ChunkInspector.Inspect(OpenAIChunk("Hello"), turn);
        var ollama = """{"id":"chatcmpl-9","object":"chat.completion.chunk","model":"llama3","choices":[{"index":0,"delta":{"role":"assistant","content":"A"},"finish_reason":null}]}"""u8.ToArray();
        ChunkInspector.Inspect(ollama, turn);

        Assert.False(turn.Template.TryMatch(OpenAIChunk("B"), content, out _));
        Assert.True(turn.Template.TryMatch(ollama, content, out var facts));
        Assert.True(facts.HasRole && facts.HasContent);
    }

    [Fact]
    public void A_chunk_larger_than_a_template_holds_is_not_kept()
    {
        var (turn, content) = NewTurn();
        var large = new string('a', ChunkTemplate.MaxBytes);
        ChunkInspector.Inspect(OpenAIChunk(large), turn);

        Assert.False(turn.Template.TryMatch(OpenAIChunk(large), content, out _));
    }

    [Fact]
    public void Content_of_another_choice_is_not_a_hole_of_the_template()
    {
        var (turn, content) = NewTurn();
        ChunkInspector.Inspect("""{"choices":[{"index":1,"delta":{"content":"other"}},{"index":0,"delta":{"content":"mine"}}]}"""u8, turn);

        Assert.False(turn.Template.TryMatch("""{"choices":[{"index":1,"delta":{"content":"changed"}},{"index":0,"delta":{"content":"next"}}]}"""u8, content, out _));
        Assert.True(turn.Template.TryMatch("""{"choices":[{"index":1,"delta":{"content":"other"}},{"index":0,"delta":{"content":"next"}}]}"""u8, content, out _));
        Assert.Equal("minenext", Encoding.UTF8.GetString(content.WrittenSpan));
    }

    private static (ModelTurn Turn, ArrayBufferWriter<byte> Content) NewTurn()
    {
        var content = new ArrayBufferWriter<byte>();
        return (new ModelTurn(s_serverTools, content, maxArgumentBytes: 256), content);
    }
}
