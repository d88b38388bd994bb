using System.Text;

namespace OpenChat.Benchmarks;

/// <summary>Upstream streams as OpenAI sends them, for the hot-path benchmarks.</summary>
internal static class StreamSamples
{
    private const string Envelope =
        "\"id\":\"chatcmpl-AbC123xYz\",\"object\":\"chat.completion.chunk\",\"created\":1732480000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0ba0d124f1\"";

    /// <summary>A text answer of <paramref name="pieces"/> content chunks, framed with <c>\n\n</c>.</summary>
    public static byte[] TextStream(int pieces)
    {
        var text = new StringBuilder();
        Add(text, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
        for (var i = 0; i < pieces; i++)
        {
            Add(text, $"{{\"content\":\" word{i}\"}}", null);
        }

        Add(text, "{}", "\"stop\"");
        text.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Two parallel tool calls streamed as OpenAI streams them, <paramref name="fragments"/> argument pieces each.</summary>
    public static byte[][] ToolCallChunks(int fragments)
    {
        var chunks = new List<string>();
        for (var call = 0; call < 2; call++)
        {
            chunks.Add(Chunk($"{{\"tool_calls\":[{{\"index\":{call},\"id\":\"call_{call}\",\"type\":\"function\",\"function\":{{\"name\":\"{(call == 0 ? "calculate" : "get_weather")}\",\"arguments\":\"\"}}}}]}}", null));
            for (var i = 0; i < fragments; i++)
            {
                chunks.Add(Chunk($"{{\"tool_calls\":[{{\"index\":{call},\"function\":{{\"arguments\":\"\\\"part{i}\\\"\"}}}}]}}", null));
            }
        }

        chunks.Add(Chunk("{}", "\"tool_calls\""));
        return [.. chunks.Select(Encoding.UTF8.GetBytes)];
    }

    private static void Add(StringBuilder text, string delta, string? finishReason) =>
        text.Append("data: ").Append(Chunk(delta, finishReason)).Append("\n\n");

    /// <summary>A chunk with OpenAI's <c>obfuscation</c> padding, which differs from chunk to chunk.</summary>
    private static string Chunk(string delta, string? finishReason) =>
        $"{{{Envelope},\"choices\":[{{\"index\":0,\"delta\":{delta},\"logprobs\":null,\"finish_reason\":{finishReason ?? "null"}}}],\"obfuscation\":\"{Padding(delta.Length)}\"}}";

    private static string Padding(int length) => "Xk3pQ9zL0aB7mN2w"[..(15 - (length % 16))];

    /// <summary>A chat request as a client sends it: a system prompt, a short conversation and two client tools.</summary>
    public static string RequestBody() =>
        """
        {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,
         "messages":[
          {"role":"system","content":"You are a helpful assistant for a travel agency. Answer briefly and cite the tools you used."},
          {"role":"user","content":"What's the weather in Paris tomorrow, and how many euros is 250 dollars?"},
          {"role":"assistant","content":"Let me check the weather first."},
          {"role":"user","content":"Please also tell me the time difference between Paris and New York."}],
         "tools":[
          {"type":"function","function":{"name":"get_weather","description":"The weather forecast for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"]}}},
          {"type":"function","function":{"name":"convert_currency","description":"Converts an amount between currencies.","parameters":{"type":"object","properties":{"amount":{"type":"number"},"from":{"type":"string"},"to":{"type":"string"}},"required":["amount","from","to"]}}}]}
        """;

    /// <summary>A finished completion of <paramref name="request"/>: a 50-word answer and one server tool call.</summary>
    public static OpenChat.Api.Completions.CompletionRecord Record(OpenChat.Api.Completions.ChatRequest request)
    {
        var record = new OpenChat.Api.Completions.CompletionRecord
        {
            Id = OpenChat.Api.Completions.CompletionIds.New(DateTimeOffset.UnixEpoch),
            Caller = new OpenChat.Api.Completions.GatewayCaller("key_0123456789ab", IsAdmin: false),
            CreatedAt = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Stream = true,
            RequestedModel = "gpt-4o-mini",
            UpstreamModel = "gpt-4o-mini",
            // Copied: the benchmark keeps the record after the request that owns these bytes is gone.
            RequestMessages = request.RawMemory(request.Messages).ToArray(),
            RequestTools = request.RawMemory(request.Tools!.Value).ToArray(),
            Content = new OpenChat.Api.Buffers.CappedByteBuffer(256 * 1024),
            Status = OpenChat.Api.Completions.CompletionStatus.Completed,
            FinishReason = "stop",
            Rounds = 2,
        };
        System.Buffers.BuffersExtensions.Write(record.Content, Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"word{i}"))));
        record.ToolCalls.Add(new OpenChat.Api.Completions.ToolCallRecord(1, "call_1", "calculate", """{"expression":"250*0.92"}""", IsServer: true,
            """{"expression":"250*0.92","result":"230","exact":true}""", OpenChat.Api.Completions.ToolOutcome.Ok, TimeSpan.FromMilliseconds(2)));
        return record;
    }
}
