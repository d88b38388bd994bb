using System.Text.RegularExpressions;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>
/// Each profile's stream, chunk by chunk and key by key, as its provider documents and sends it: a content
/// answer (<c>Hi there</c>) and a turn of two parallel tool calls, both with <c>include_usage</c>. The ids,
/// the clock and OpenAI's random obfuscation padding are masked; everything else must match exactly.
/// </summary>
public sealed partial class ProfileTranscriptTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public const string ContentScript = "#sim {\"reply\":\"Hi there\",\"profile\":\"{0}\"}";

    public const string ToolScript = "#sim {\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{\"x\":1}},{\"name\":\"time\",\"arguments\":{}}],\"profile\":\"{0}\"}";

    public const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"calc\"}},{\"type\":\"function\",\"function\":{\"name\":\"time\"}}]";

    private const string WithUsage = "\"stream_options\":{\"include_usage\":true}";

    [Fact]
    public async Task OpenAI_streams_a_content_answer_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"content":" there"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[],"usage":{"prompt_tokens":6,"completion_tokens":2,"total_tokens":8,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"(pad)"}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ContentScript, "openai", WithUsage));
    }

    [Fact]
    public async Task OpenAI_streams_parallel_tool_calls_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_sim1_0","type":"function","function":{"name":"calc","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"x\""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_sim1_1","type":"function","function":{"name":"time","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null,"obfuscation":"(pad)"}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_simulator","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"(pad)"}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ToolScript, "openai", WithUsage + "," + Tools));
    }

    [Fact]
    public async Task Azure_streams_a_content_answer_as_documented()
    {
        const string Expected = """
        {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}
        {"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"Hi"},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" there"},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":{"completion_tokens":2,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0},"prompt_tokens":6,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":0},"total_tokens":8}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ContentScript, "azure", WithUsage));
    }

    [Fact]
    public async Task Azure_streams_parallel_tool_calls_as_documented()
    {
        const string Expected = """
        {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}
        {"choices":[{"content_filter_results":{},"delta":{"content":null,"refusal":null,"role":"assistant","tool_calls":[{"function":{"arguments":"","name":"calc"},"id":"call_sim1_0","index":0,"type":"function"}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"{\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"x\""},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":":1}"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"","name":"time"},"id":"call_sim1_1","index":1,"type":"function"}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"{}"},"index":1}]},"finish_reason":null,"index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"tool_calls","index":0,"logprobs":null}],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":null}
        {"choices":[],"created":(t),"id":"chatcmpl-(id)","model":"gpt-4o-mini","object":"chat.completion.chunk","system_fingerprint":"fp_simulator","usage":{"completion_tokens":4,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0},"prompt_tokens":5,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":0},"total_tokens":9}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ToolScript, "azure", WithUsage + "," + Tools));
    }

    [Fact]
    public async Task Ollama_streams_a_content_answer_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":" there"},"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[],"usage":{"prompt_tokens":6,"completion_tokens":2,"total_tokens":8}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ContentScript, "ollama", WithUsage));
    }

    [Fact]
    public async Task Ollama_streams_parallel_tool_calls_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_sim1_0","index":0,"type":"function","function":{"name":"calc","arguments":"{\"x\":1}"}}]},"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_sim1_1","index":1,"type":"function","function":{"name":"time","arguments":"{}"}}]},"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"tool_calls"}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","system_fingerprint":"fp_ollama","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ToolScript, "ollama", WithUsage + "," + Tools));
    }

    [Fact]
    public async Task Vllm_streams_a_content_answer_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" there"},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":6,"total_tokens":8,"completion_tokens":2}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ContentScript, "vllm", WithUsage));
    }

    [Fact]
    public async Task Vllm_streams_parallel_tool_calls_as_documented()
    {
        const string Expected = """
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_sim1_0","type":"function","index":0,"function":{"name":"calc"}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"x\""}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_sim1_1","type":"function","index":1,"function":{"name":"time"}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"logprobs":null,"finish_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"tool_calls","stop_reason":null}]}
        {"id":"chatcmpl-(id)","object":"chat.completion.chunk","created":(t),"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":5,"total_tokens":9,"completion_tokens":4}}
        [DONE]
        """;

        Assert.Equal(Expected, await TranscriptAsync(ToolScript, "vllm", WithUsage + "," + Tools));
    }

    [Theory]
    [InlineData("openai", ContentScript)]
    [InlineData("openai", ToolScript)]
    [InlineData("azure", ContentScript)]
    [InlineData("azure", ToolScript)]
    [InlineData("ollama", ContentScript)]
    [InlineData("ollama", ToolScript)]
    [InlineData("vllm", ContentScript)]
    [InlineData("vllm", ToolScript)]
    public async Task Without_include_usage_streams_the_same_chunks_without_usage(string profile, string script)
    {
        var withUsage = (await TranscriptAsync(script, profile, WithUsage + "," + Tools)).Split('\n');
        var without = (await TranscriptAsync(script, profile, Tools)).Split('\n');

        Assert.Contains("\"usage\":{", withUsage[^2], StringComparison.Ordinal);
        Assert.Equal([.. withUsage[..^2].Select(chunk => chunk.Replace(",\"usage\":null", "", StringComparison.Ordinal)), "[DONE]"], without);
        Assert.All(without, chunk => Assert.DoesNotContain("\"usage\"", chunk, StringComparison.Ordinal));
    }

    /// <summary>The stream's data payloads, one a line, with ids, timestamps and obfuscation padding masked.</summary>
    internal async Task<string> TranscriptAsync(string script, string profile, string extra)
    {
        var (response, body) = await simulator.PostAsAsync(profile, SimulatorFixture.Chat(script.Replace("{0}", profile, StringComparison.Ordinal), extra: extra));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var masked = WireFormatTests.Events(body).Select(chunk =>
            Obfuscation().Replace(Created().Replace(Id().Replace(chunk, "\"id\":\"chatcmpl-(id)\""), "\"created\":(t)"), "\"obfuscation\":\"(pad)\""));
        return string.Join('\n', masked);
    }

    [GeneratedRegex("\"id\":\"chatcmpl-sim[0-9a-f]{24}\"")]
    private static partial Regex Id();

    [GeneratedRegex("\"created\":[1-9][0-9]*")]
    private static partial Regex Created();

    [GeneratedRegex("\"obfuscation\":\"[A-Za-z0-9]*\"")]
    private static partial Regex Obfuscation();
}
