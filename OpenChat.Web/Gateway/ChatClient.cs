using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary><c>POST /v1/chat/completions</c> with <c>stream: true</c>, read as it arrives.</summary>
internal sealed class ChatClient(GatewayCaller caller)
{
    /// <summary>
    /// Sends the conversation and returns once the Api has answered with headers. A refusal (4xx/5xx before the
    /// stream) throws <see cref="GatewayException"/>; cancelling the token ends the request, and the Api then
    /// cancels the upstream call.
    /// </summary>
    public async Task<ChatStream> StartAsync(string model, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new ByteArrayContent(Body(model, messages)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await caller.OpenAsync(request, cancellationToken);
        return new ChatStream(response);
    }

    private static byte[] Body(string model, IReadOnlyList<ChatMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, model);
            writer.WriteBoolean("stream"u8, true);
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
            writer.WriteStartArray("messages"u8);
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, message.Role);
                writer.WriteString("content"u8, message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
