namespace OpenChat.Api.Relay;

/// <summary>The OpenAI-compatible chat surface.</summary>
internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateChatCompletion)
            .WithName("CreateChatCompletion")
            .WithSummary("Creates a chat completion, streamed as server-sent events when 'stream' is true.");
        return v1;
    }

    /// <summary>Writes the response itself: a stream is relayed event by event as the upstream sends it.</summary>
    public static Task CreateChatCompletion(HttpContext context, ChatCompletionHandler handler) => handler.HandleAsync(context);
}
