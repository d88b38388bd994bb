using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// Turns a <c>tools/call</c> result into what OpenChat answers: <c>{"text": ..., "structured_content": ...}</c>, the
/// text blocks joined by new lines (other blocks by a short note, since a model reads text), the structured content
/// kept as the server sent it. <c>isError</c> and a result over the size limit become tool errors the model reads.
/// </summary>
internal static class CallResultReader
{
    public static JsonNode Read(CallToolResult result, string toolName, int maxResultBytes)
    {
        var text = string.Join('\n', result.Content.Select(Describe));
        if (result.IsError == true)
        {
            var message = text.Length == 0 ? $"'{toolName}' failed without saying why." : text;
            throw new ToolFailureException(Encoding.UTF8.GetByteCount(message) <= maxResultBytes
                ? message
                : $"'{toolName}' failed with a message of more than {maxResultBytes} bytes.");
        }

        var answer = new JsonObject { ["text"] = text };
        if (result.StructuredContent is { ValueKind: not JsonValueKind.Undefined } structured)
        {
            answer["structured_content"] = JsonSerializer.SerializeToNode(structured);
        }

        var bytes = Encoding.UTF8.GetByteCount(answer.ToJsonString());
        return bytes <= maxResultBytes
            ? answer
            : throw new ToolFailureException($"The result of '{toolName}' is {bytes} bytes, more than the {maxResultBytes} allowed. Ask for less at a time.");
    }

    private static string Describe(ContentBlock block) => block switch
    {
        TextContentBlock text => text.Text,
        EmbeddedResourceBlock { Resource: TextResourceContents resource } => resource.Text,
        EmbeddedResourceBlock embedded => $"[resource {embedded.Resource.Uri} ({embedded.Resource.MimeType ?? "binary"}), not shown]",
        ResourceLinkBlock link => $"[resource link {link.Name}: {link.Uri}]",
        ImageContentBlock image => $"[image ({image.MimeType}), not shown]",
        AudioContentBlock audio => $"[audio ({audio.MimeType}), not shown]",
        _ => $"[{block.Type} content, not shown]",
    };
}
