using System.Text.Json.Nodes;

namespace OpenChat.Tools.Catalog;

/// <summary>How one invocation ended; the HTTP and MCP surfaces each turn it into their own answer.</summary>
public abstract record ToolResult
{
    public sealed record Success(JsonNode Result) : ToolResult;

    /// <summary>Every way an invocation can fail carries a message fit to show the model.</summary>
    public abstract record Failure(string Message) : ToolResult;

    public sealed record NotFound(string Name) : Failure($"There is no tool named '{Name}'.");

    /// <summary>
    /// The arguments are not a JSON object or break the schema; <paramref name="Param"/> is a JSON pointer to the
    /// first offending value, or null when the arguments as a whole are wrong.
    /// </summary>
    public sealed record InvalidArguments(string Message, string? Param) : Failure(Message);

    /// <summary>What the model reads when the external server that offers a tool is away.</summary>
    public static string UnavailableMessage(string server, string name) =>
        $"The MCP server '{server}' is unavailable, so '{name}' could not run. Try again later.";

    /// <summary>The tool understood the arguments but cannot do what they ask.</summary>
    public sealed record ToolError(string Message) : Failure(Message);

    /// <summary>The tool broke; the details are in the log, never in the answer.</summary>
    public sealed record Crashed(string Name) : Failure($"The tool '{Name}' failed unexpectedly.");
}
