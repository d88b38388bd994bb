using System.Text;
using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary>
/// A request message of a transcript made readable: its role, its text (string content or the text parts of an
/// array), and the tool calls an assistant message carried or the call a tool message answers.
/// </summary>
internal sealed record TranscriptMessage(string Role, string Text, IReadOnlyList<string> ToolCalls, string? ToolCallId)
{
    public static IReadOnlyList<TranscriptMessage> ReadAll(JsonElement? messages) =>
        messages is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(message => message.ValueKind == JsonValueKind.Object).Select(Read)]
            : [];

    private static TranscriptMessage Read(JsonElement message)
    {
        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "unknown";
        var text = message.TryGetProperty("content", out var content) ? TextOf(content) : "";
        var calls = new List<string>();
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                {
                    calls.Add($"{Property(function, "name")}({Property(function, "arguments")})");
                }
            }
        }

        var callId = message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new TranscriptMessage(role, text, calls, callId);
    }

    private static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length > 0 ? "\n" : "").Append(value.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type))
                    {
                        text.Append(text.Length > 0 ? "\n" : "").Append('[').Append(type.GetString()).Append(']');
                    }
                }

                return text.ToString();
            default:
                return "";
        }
    }

    private static string Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
