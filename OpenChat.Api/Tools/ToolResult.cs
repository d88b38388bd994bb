using System.Text.Json;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Tools;

/// <summary>
/// The result of one server tool call: <see cref="Content"/> is what the model reads in the <c>tool</c>
/// message, the result's JSON on success and <c>{"error":"..."}</c> otherwise.
/// </summary>
internal sealed record ToolResult(ToolOutcome Outcome, string Content, TimeSpan Duration, string? Error)
{
    public static ToolResult Failed(ToolOutcome outcome, string message, TimeSpan duration) =>
        new(outcome, JsonSerializer.Serialize(new ToolErrorContent(message), ToolJsonContext.Default.ToolErrorContent), duration, message);
}
