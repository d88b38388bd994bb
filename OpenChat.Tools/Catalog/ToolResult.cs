using System.Text.Json.Nodes;

namespace OpenChat.Tools.Catalog;

/// <summary>How one invocation ended; the HTTP and MCP surfaces each turn it into their own answer.</summary>
public abstract record ToolResult
{
    public sealed record Success(JsonNode Result) : ToolResult;

    public sealed record NotFound(string Name) : ToolResult;

    /// <summary>The arguments break the schema; <paramref name="Param"/> points at the offending value.</summary>
    public sealed record InvalidArguments(string Message, string? Param) : ToolResult;

    public sealed record Failed(string Message) : ToolResult;

    /// <summary>The tool broke; the details are in the log, not in the answer.</summary>
    public sealed record Crashed(string Name) : ToolResult;
}
