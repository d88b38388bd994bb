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

    private static string Chunk(string delta, string? finishReason) =>
        $"{{{Envelope},\"choices\":[{{\"index\":0,\"delta\":{delta},\"logprobs\":null,\"finish_reason\":{finishReason ?? "null"}}}]}}";
}
