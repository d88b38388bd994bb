namespace OpenChat.Api.Relay;

/// <summary>The OpenAI-compatible surface: chat completions and models.</summary>
public static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateChatCompletion)
            .WithName("CreateChatCompletion")
            .WithSummary("Creates a chat completion, streamed as server-sent events when 'stream' is true.");

        v1.MapGet("/models", ListModels)
            .WithName("ListModels")
            .WithSummary("Lists the models clients may ask for.");

        return v1;
    }

    public static Task CreateChatCompletion(HttpContext context, ChatCompletionHandler handler) => handler.HandleAsync(context);

    public static Task ListModels(HttpContext context, ModelsHandler handler) => handler.HandleAsync(context);
}
