using System.Text;
using System.Text.Json;

namespace OpenChat.Chaos.Tests;

/// <summary>
/// Reads a whole response body strictly: a stream must be <c>data: </c> lines, each event ended by a blank line
/// and framed with <c>\n</c> alone, each a JSON chunk, ending with exactly one <c>[DONE]</c> or with one error
/// event; an error body must be OpenAI's <c>{"error":{"message","type","param","code"}}</c> and name no
/// internals.
/// </summary>
internal static class ResponseBody
{
    public static ObservedResponse ReadStream(int status, string? transcriptId, string? mediaType, string body)
    {
        if (mediaType != "text/event-stream")
        {
            return ObservedResponse.Broken(status, transcriptId, $"a stream with content type {mediaType ?? "none"}");
        }

        if (body.Contains('\r', StringComparison.Ordinal))
        {
            return ObservedResponse.Broken(status, transcriptId, "a carriage return in the stream's framing");
        }

        if (!body.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return ObservedResponse.Broken(status, transcriptId, $"the stream stopped inside an event: ...{Tail(body)}");
        }

        var events = body[..^2].Split("\n\n");
        var content = new StringBuilder();
        for (var i = 0; i < events.Length; i++)
        {
            var last = i == events.Length - 1;
            if (!events[i].StartsWith("data: ", StringComparison.Ordinal) || events[i].Contains('\n', StringComparison.Ordinal))
            {
                return ObservedResponse.Broken(status, transcriptId, $"an event that is not one data line: {Tail(events[i])}");
            }

            var data = events[i]["data: ".Length..];
            if (data == "[DONE]")
            {
                return last
                    ? new ObservedResponse(status, transcriptId, ResponseEnd.Done, content.ToString(), null, null)
                    : ObservedResponse.Broken(status, transcriptId, "events after [DONE]");
            }

            if (Parse(data) is not { ValueKind: JsonValueKind.Object } chunk)
            {
                return ObservedResponse.Broken(status, transcriptId, $"an event that is not a JSON object: {Tail(data)}");
            }

            if (chunk.TryGetProperty("error", out _))
            {
                return ErrorProblem(chunk, out var code) is { } problem ? ObservedResponse.Broken(status, transcriptId, problem)
                    : last ? new ObservedResponse(status, transcriptId, ResponseEnd.ErrorEvent, content.ToString(), code, null)
                    : ObservedResponse.Broken(status, transcriptId, "events after the error event");
            }

            if (!chunk.TryGetProperty("object", out var type) || type.GetString() != "chat.completion.chunk"
                || !chunk.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return ObservedResponse.Broken(status, transcriptId, $"an event that is not a chat.completion.chunk: {Tail(data)}");
            }

            if (choices.GetArrayLength() > 0 && choices[0].TryGetProperty("delta", out var delta)
                && delta.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
            {
                content.Append(text.GetString());
            }
        }

        return ObservedResponse.Broken(status, transcriptId, "the stream ended with neither [DONE] nor an error event");
    }

    public static ObservedResponse ReadError(int status, string? transcriptId, string? mediaType, string body)
    {
        if (mediaType != "application/json")
        {
            return ObservedResponse.Broken(status, transcriptId, $"an error with content type {mediaType ?? "none"}: {Tail(body)}");
        }

        if (Parse(body) is not { ValueKind: JsonValueKind.Object } root)
        {
            return ObservedResponse.Broken(status, transcriptId, $"an error body that is not a JSON object: {Tail(body)}");
        }

        return ErrorProblem(root, out var code) is { } problem
            ? ObservedResponse.Broken(status, transcriptId, problem)
            : new ObservedResponse(status, transcriptId, ResponseEnd.ErrorBody, "", code, null);
    }

    /// <summary>What makes this not OpenAI's error object, or null.</summary>
    private static string? ErrorProblem(JsonElement root, out string? code)
    {
        code = null;
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return $"an error that is not an object: {root.GetRawText()}";
        }

        var shaped = error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0
            && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && error.TryGetProperty("param", out var param) && param.ValueKind is JsonValueKind.String or JsonValueKind.Null
            && error.TryGetProperty("code", out var codeElement) && codeElement.ValueKind is JsonValueKind.String or JsonValueKind.Null;
        if (!shaped)
        {
            return $"an error without message, type, param and code: {root.GetRawText()}";
        }

        var text = root.GetRawText();
        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
        {
            return $"an error that shows the gateway's internals: {text}";
        }

        code = error.GetProperty("code").GetString();
        return null;
    }

    private static JsonElement? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Tail(string text) => text.Length > 200 ? text[^200..] : text;
}
