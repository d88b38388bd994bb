using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenChat.Tools.Auth;
using OpenChat.Tools.Catalog;
using InvocationResults = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<OpenChat.Tools.Http.ToolInvocationResponse>,
    Microsoft.AspNetCore.Http.HttpResults.BadRequest<OpenChat.Tools.Http.ErrorResponse>,
    Microsoft.AspNetCore.Http.HttpResults.NotFound<OpenChat.Tools.Http.ErrorResponse>,
    Microsoft.AspNetCore.Http.HttpResults.UnprocessableEntity<OpenChat.Tools.Http.ErrorResponse>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<OpenChat.Tools.Http.ErrorResponse>>;

namespace OpenChat.Tools.Http;

/// <summary>
/// The contract the Api calls: <c>GET /tools</c> lists the tools as OpenAI function definitions;
/// <c>POST /tools/{name}/invoke</c> runs one with the arguments JSON object as the body and answers
/// <c>{"result": ...}</c>, or an OpenAI-style error: 400 invalid arguments, 404 unknown tool, 413 body too
/// large, 422 a call the tool cannot carry out, 500 a tool that broke. Only the Api may call it: 401 without
/// the service key.
/// </summary>
public static class ToolsApi
{
    /// <summary>Arguments are small; a larger body is refused without reading past this.</summary>
    public const int MaxArgumentsBytes = 64 * 1024;

    private static readonly JsonDocumentOptions s_argumentsOptions = new() { AllowDuplicateProperties = false };

    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder app)
    {
        var tools = app.MapGroup("/tools").RequireAuthorization(ServiceKeyAuthenticationExtensions.CallerPolicy);
        tools.MapGet("/", ListTools)
            .WithName("ListTools")
            .WithSummary("Lists the tools as OpenAI function definitions.");
        tools.MapPost("/{name}/invoke", InvokeTool)
            .WithName("InvokeTool")
            .WithSummary("Runs a tool with the arguments JSON object in the body.");
        return app;
    }

    public static Ok<ToolListResponse> ListTools(ToolCatalog catalog) => TypedResults.Ok(new ToolListResponse(
        "list",
        [.. catalog.Tools.Select(tool => new FunctionTool("function",
            new FunctionDefinition(tool.Name, tool.Tool.Description, tool.Tool.ParametersSchema, Strict: false)))]));

    public static async Task<InvocationResults> InvokeTool(string name, HttpRequest request, ToolCatalog catalog, CancellationToken cancellationToken)
    {
        // An unknown tool is the first thing to tell a model, whatever it sent.
        if (!catalog.Contains(name))
        {
            return Answer(catalog.Missing(name));
        }

        var body = await ReadBoundedAsync(request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Json(
                Error($"The arguments are larger than {MaxArgumentsBytes} bytes.", "invalid_request_error", "arguments_too_large"),
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (arguments, problem) = ParseArguments(body);
        if (arguments is null)
        {
            return TypedResults.BadRequest(Error(problem!, "invalid_request_error", "invalid_arguments"));
        }

        using (arguments)
        {
            return Answer(await catalog.InvokeAsync(name, arguments.RootElement, cancellationToken));
        }
    }

    /// <summary>The arguments document, or null and why the body is not one.</summary>
    internal static (JsonDocument? Arguments, string? Problem) ParseArguments(byte[] body)
    {
        try
        {
            // A tool without parameters is often called with no body at all.
            return (JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body, s_argumentsOptions), null);
        }
        catch (JsonException exception)
        {
            return (null, $"The arguments are not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException)
        {
            // Looking for a repeated name reads each name as a .NET string, which throws on an escaped lone surrogate.
            return (null, "The arguments are not valid JSON: a name escapes a lone surrogate, which is not valid Unicode.");
        }
    }

    private static InvocationResults Answer(ToolResult result) => result switch
    {
        ToolResult.Success success => TypedResults.Ok(new ToolInvocationResponse(success.Result)),
        ToolResult.InvalidArguments invalid => TypedResults.BadRequest(Error(invalid.Message, "invalid_request_error", "invalid_arguments", invalid.Param)),
        ToolResult.NotFound notFound => TypedResults.NotFound(Error(notFound.Message, "invalid_request_error", "tool_not_found")),
        ToolResult.ToolError toolError => TypedResults.UnprocessableEntity(Error(toolError.Message, "tool_error", "tool_error")),
        ToolResult.Failure failure => TypedResults.Json(
            Error(failure.Message, "server_error", "tool_failed"),
            statusCode: StatusCodes.Status500InternalServerError),
        _ => throw new UnreachableException("A tool result is a success or a failure."),
    };

    /// <summary>The body, or null once it is known to exceed <see cref="MaxArgumentsBytes"/>, declared or not.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxArgumentsBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > MaxArgumentsBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static ErrorResponse Error(string message, string type, string code, string? param = null) =>
        new(new ErrorDetail(message, type, param, code));
}
