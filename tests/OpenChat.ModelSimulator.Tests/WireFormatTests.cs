using System.Net;
using System.Text.Json;

namespace OpenChat.ModelSimulator.Tests;

public sealed class WireFormatTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Streams_role_first_then_content_then_finish_then_done()
    {
        var (response, body) = await simulator.PostAsync(SimulatorFixture.Chat("hello model"));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = Events(body);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal(chunks[0].GetProperty("id").GetString(), chunk.GetProperty("id").GetString());
            Assert.Equal("gpt-4o-mini", chunk.GetProperty("model").GetString());
            Assert.False(chunk.TryGetProperty("usage", out _));
        });
        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal("", Delta(chunks[0]).GetProperty("content").GetString());
        Assert.Equal(["You", " said:", " hello", " model"], chunks[1..^1].Select(c => Delta(c).GetProperty("content").GetString()));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(Delta(chunks[^1]).EnumerateObject());
    }

    [Fact]
    public async Task Sends_usage_only_when_asked_with_null_usage_on_every_other_chunk()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("four words right here", extra: "\"stream_options\":{\"include_usage\":true}"));

        var chunks = Events(body)[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks[..^1], chunk => Assert.Equal(JsonValueKind.Null, chunk.GetProperty("usage").ValueKind));
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(6, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + 6, usage.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Answers_a_whole_completion_without_streaming()
    {
        var (response, body) = await simulator.PostAsync(SimulatorFixture.Chat("no stream", stream: false));

        var completion = JsonDocument.Parse(body).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        var message = completion.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(("assistant", "You said: no stream"), (message.GetProperty("role").GetString(), message.GetProperty("content").GetString()));
        Assert.Equal("stop", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(4, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Streams_parallel_tool_calls_the_way_openai_does()
    {
        const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"calc\"}},{\"type\":\"function\",\"function\":{\"name\":\"time\"}}]";
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat(
            "#sim {\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{\"expression\":\"1+1\"}},{\"name\":\"time\",\"arguments\":{}}]}", extra: Tools));

        // The role rides with the first call's delta, as OpenAI sends it; there is no role chunk of its own.
        var deltas = Events(body)[..^2].Select(e => Delta(JsonDocument.Parse(e).RootElement).GetProperty("tool_calls")[0]).ToList();
        var starts = deltas.Where(d => d.TryGetProperty("id", out _)).ToList();
        Assert.Equal([0, 1], starts.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(starts, start =>
        {
            Assert.Equal("function", start.GetProperty("type").GetString());
            Assert.Equal("", start.GetProperty("function").GetProperty("arguments").GetString());
        });
        Assert.All(deltas.Except(starts), fragment =>
        {
            Assert.False(fragment.TryGetProperty("id", out _));
            Assert.False(fragment.GetProperty("function").TryGetProperty("name", out _));
        });
        Assert.Equal("{\"expression\":\"1+1\"}", string.Concat(deltas.Where(d => d.GetProperty("index").GetInt32() == 0).Select(d => d.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("tool_calls", JsonDocument.Parse(Events(body)[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Speaks_the_legacy_function_call_form_to_legacy_requests()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat(
            "#sim {\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{\"x\":1}}]}", stream: false, extra: "\"functions\":[{\"name\":\"calc\"}]"));

        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal("function_call", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("calc", choice.GetProperty("message").GetProperty("function_call").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Makes_no_tool_calls_when_tool_choice_is_none_or_the_tool_is_not_offered()
    {
        const string Script = "#sim {\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{}}],\"reply\":\"plain\"}";
        var (_, withNone) = await simulator.PostAsync(SimulatorFixture.Chat(Script, stream: false,
            extra: "\"tool_choice\":\"none\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"calc\"}}]"));
        var (_, notOffered) = await simulator.PostAsync(SimulatorFixture.Chat(Script, stream: false));

        Assert.Equal("plain", JsonDocument.Parse(withNone).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("plain", JsonDocument.Parse(notOffered).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Answers_with_the_tool_results_once_they_are_in_and_keeps_calling_for_unbounded_rounds()
    {
        const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"calc\"}}]";
        static string After(int rounds) => "\"messages\":[{\"role\":\"user\",\"content\":\"#sim {\\\"tool_rounds\\\":" + rounds + ",\\\"tool_calls\\\":[{\\\"name\\\":\\\"calc\\\",\\\"arguments\\\":{}}]}\"}," +
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"calc\",\"arguments\":\"{}\"}}]}," +
            "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"}]";

        var (_, answered) = await simulator.PostAsync("{\"model\":\"gpt-4o-mini\"," + After(1) + "," + Tools + "}");
        var (_, again) = await simulator.PostAsync("{\"model\":\"gpt-4o-mini\"," + After(-1) + "," + Tools + "}");

        Assert.Equal("The result of calc is 42.", JsonDocument.Parse(answered).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("tool_calls", JsonDocument.Parse(again).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stops_at_max_tokens_with_finish_reason_length()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"tokens\":10}", stream: false, extra: "\"max_completion_tokens\":3"));

        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("alpha bravo charlie", choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Lists_its_models()
    {
        using var client = simulator.CreateClient();

        var list = JsonDocument.Parse(await client.GetStringAsync("/v1/models", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Contains("gpt-4o-mini", list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.All(list.GetProperty("data").EnumerateArray(), m => Assert.Equal("model", m.GetProperty("object").GetString()));
    }

    internal static List<string> Events(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..])];

    private static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");
}
