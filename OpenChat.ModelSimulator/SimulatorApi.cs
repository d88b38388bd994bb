using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenChat.ModelSimulator.Chat;
using OpenChat.ModelSimulator.Journal;

namespace OpenChat.ModelSimulator;

/// <summary>The simulator's OpenAI surface, and its journal for tests that run it as a separate process.</summary>
public static class SimulatorApi
{
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", CreateChatCompletion).WithName("CreateChatCompletion");
        v1.MapGet("/models", ListModels).WithName("ListModels");

        app.MapGet("/simulator/requests", ListRequests).WithName("ListSimulatorRequests");
        return app;
    }

    public static Task CreateChatCompletion(HttpContext context, ChatCompletionsResponder responder) => responder.RespondAsync(context);

    public static Ok<ModelList> ListModels(IOptions<SimulatorOptions> options) =>
        TypedResults.Ok(new ModelList([.. options.Value.Models.Select(model => new ModelEntry(model, Created: 1_700_000_000))]));

    public static Ok<IReadOnlyList<JournalEntry>> ListRequests(SimulatorJournal journal) => TypedResults.Ok(journal.Entries);
}
