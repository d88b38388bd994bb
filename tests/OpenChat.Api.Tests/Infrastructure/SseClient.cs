using System.Text;
using System.Text.Json;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>Reads what a streaming client receives: the data of each event, in order.</summary>
public static class SseClient
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// Reads a stream in the gateway's framing until the text has arrived, while the rest may not have been sent yet;
    /// returns what was read, framing included, so that it and the rest of the body make the whole.
    /// </summary>
    public static async Task<string> ReadUntilAsync(StreamReader reader, string text, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        while (!received.ToString().Contains(text, StringComparison.Ordinal))
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            Assert.NotNull(line);
            received.Append(line).Append('\n');
        }

        return received.ToString();
    }

    /// <summary>Splits a body in the gateway's framing (<c>data: ...\n\n</c>) into event data.</summary>
    public static List<string> Events(string body)
    {
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        return body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(sseEvent =>
            {
                Assert.StartsWith("data: ", sseEvent, StringComparison.Ordinal);
                return sseEvent["data: ".Length..];
            })
            .ToList();
    }

    /// <summary>The concatenated <c>choices[0].delta.content</c> of every chunk.</summary>
    public static string Content(IEnumerable<string> events) => string.Concat(events
        .Where(data => data != "[DONE]")
        .Select(data => JsonDocument.Parse(data).RootElement)
        .Where(chunk => chunk.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0)
        .Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta"))
        .Select(delta => delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : ""));

    public static string ChatJson(string userMessage, bool stream = true, string model = "gpt-4o-mini", string? extra = null) =>
        $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{JsonSerializer.Serialize(userMessage)}}}]{{(extra is null ? "" : "," + extra)}}}""";
}
