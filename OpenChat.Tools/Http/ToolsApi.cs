using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools;

/// <summary>
/// The contract the Api calls: <c>GET /tools</c> lists the tools as OpenAI function definitions;
/// <c>POST /tools/{name}/invoke</c> runs one with the arguments JSON as the body and answers
/// <c>{"result": ...}</c>, or an OpenAI-style error: 400 invalid arguments, 404 unknown tool, 413 body too
/// large, 422 a call the tool cannot carry out, 500 a tool that broke.
/// </summary>
public static class ToolsApi
{
    /// <summary>Arguments are small; a larger body is refused before it is read.</summary>
    public const int MaxArgumentsBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder app)
    {
        var tools = app.MapGroup("/tools");
        tools.MapGet("/", ListTools)
            .WithName("ListTools")
            .WithSummary("Lists the tools as OpenAI function definitions.");
        tools.MapPost("/{name}/invoke", InvokeTool)
            .WithName("InvokeTool")
            .WithSummary("Runs a tool with the arguments in the body.");
        return app;
    }

    public static Ok<JsonObject> ListTools(ToolCatalog catalog) => TypedResults.Ok(new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. catalog.Tools.Select(Definition)]),
    });

    public static async Task<IResult> InvokeTool(string name, HttpRequest request, ToolCatalog catalog, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxArgumentsBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The arguments are larger than {MaxArgumentsBytes} bytes.", "invalid_request_error", "arguments_too_large");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > MaxArgumentsBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The arguments are larger than {MaxArgumentsBytes} bytes.", "invalid_request_error", "arguments_too_large");
        }

        JsonDocument arguments;
        try
        {
            // Models call tools without parameters with no arguments at all.
            arguments = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body.ToArray());
        }
        catch (JsonException exception)
        {
            return Error(StatusCodes.Status400BadRequest, $"The arguments are not valid JSON: {exception.Message}", "invalid_request_error", "invalid_arguments");
        }

        using (arguments)
        {
            return await catalog.InvokeAsync(name, arguments.RootElement, cancellationToken) switch
            {
                ToolResult.Success success => TypedResults.Ok(new JsonObject { ["result"] = success.Result }),
                ToolResult.NotFound => Error(StatusCodes.Status404NotFound, $"There is no tool named '{name}'.", "invalid_request_error", "tool_not_found"),
                ToolResult.InvalidArguments invalid => Error(StatusCodes.Status400BadRequest, invalid.Message, "invalid_request_error", "invalid_arguments", invalid.Param),
                ToolResult.Failed failed => Error(StatusCodes.Status422UnprocessableEntity, failed.Message, "tool_error", "tool_error"),
                _ => Error(StatusCodes.Status500InternalServerError, $"The tool '{name}' failed unexpectedly.", "server_error", "tool_failed"),
            };
        }
    }

    private static JsonObject Definition(RegisteredTool tool) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = tool.Tool.Name,
            ["description"] = tool.Tool.Description,
            ["parameters"] = JsonNode.Parse(tool.Parameters.GetRawText()),
            ["strict"] = false,
        },
    };

    private static JsonHttpResult<JsonObject> Error(int status, string message, string type, string code, string? param = null) =>
        TypedResults.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = param,
                ["code"] = code,
            },
        }, statusCode: status);
}
