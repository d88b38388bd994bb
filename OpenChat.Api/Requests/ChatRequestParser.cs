using System.Text.Json;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.RequestBodies;

namespace OpenChat.Api.Requests;

/// <summary>
/// Checks the parts of a request the gateway relies on and says precisely what is wrong, in OpenAI's words
/// where OpenAI has them. Everything it does not check goes to the upstream untouched, which judges it.
/// </summary>
internal static class ChatRequestParser
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = JsonLimits.MaxRequestDepth };

    /// <summary>Parses <paramref name="body"/>; on success the request owns it, on failure it is disposed.</summary>
    public static ChatRequest Parse(PooledByteBuffer body)
    {
        JsonDocument? document = null;
        try
        {
            document = RequestJson.Parse(body.WrittenMemory, s_documentOptions, "a JSON object with 'model' and 'messages'");
            ChatRequest request;
            try
            {
                request = Read(body, document);
            }
            catch (InvalidOperationException)
            {
                // Comparing a name or string that escapes a lone surrogate throws (one the gateway needs as text is reported by Text).
                throw new ApiErrorException(RequestJson.LoneSurrogate);
            }

            document = null;
            return request;
        }
        catch
        {
            document?.Dispose();
            body.Dispose();
            throw;
        }
    }

    private static ChatRequest Read(PooledByteBuffer body, JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiErrorException(ApiError.InvalidJson("The request body must be a JSON object."));
        }

        var messages = ReadMessages(root);
        var model = OptionalString(root, "model");
        var stream = OptionalBoolean(root, "stream");
        var wantsUsage = false;
        if (root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind != JsonValueKind.Null)
        {
            if (streamOptions.ValueKind != JsonValueKind.Object)
            {
                throw WrongType("stream_options", "an object", streamOptions);
            }

            wantsUsage = OptionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
        }

        var (tools, legacy, names) = ReadTools(root);
        var choiceCount = 1;
        if (root.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out choiceCount) || choiceCount < 1)
            {
                throw Invalid("Invalid value for 'n': expected an integer of at least 1.", "n");
            }
        }

        return new ChatRequest(body, document)
        {
            Messages = messages,
            Model = model,
            Stream = stream,
            ClientWantsUsage = wantsUsage,
            Tools = tools,
            UsesLegacyFunctions = legacy,
            ClientToolNames = names,
            ChoiceCount = choiceCount,
            ToolChoiceNone = IsNone(root, legacy ? "function_call" : "tool_choice"),
        };
    }

    private static JsonElement ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
        {
            throw Missing("messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw WrongType("messages", "an array", messages);
        }

        if (messages.GetArrayLength() == 0)
        {
            throw Invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw WrongType($"messages[{index}]", "an object", message);
            }

            if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw Missing($"messages[{index}].role");
            }

            index++;
        }

        return messages;
    }

    private static (JsonElement? Tools, bool Legacy, IReadOnlySet<string> Names) ReadTools(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (TryGetArray(root, "tools", out var tools))
        {
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                var path = $"tools[{index++}]";
                if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw Missing($"{path}.type");
                }

                // Tools of other types (OpenAI's custom tools) carry no function and are the client's affair.
                if (type.ValueEquals("function"))
                {
                    names.Add(FunctionName(tool.TryGetProperty("function", out var function) ? function : default, $"{path}.function"));
                }
            }

            return (tools, false, names);
        }

        if (TryGetArray(root, "functions", out var functions))
        {
            var index = 0;
            foreach (var function in functions.EnumerateArray())
            {
                names.Add(FunctionName(function, $"functions[{index++}]"));
            }

            return (functions, true, names);
        }

        return (null, false, names);
    }

    private static bool TryGetArray(JsonElement root, string field, out JsonElement array)
    {
        if (!root.TryGetProperty(field, out array) || array.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return array.ValueKind == JsonValueKind.Array ? true : throw WrongType(field, "an array", array);
    }

    private static string FunctionName(JsonElement function, string path)
    {
        if (function.ValueKind != JsonValueKind.Object || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw Missing($"{path}.name");
        }

        return Text(name, $"{path}.name");
    }

    /// <summary>A string's text; JSON allows escapes of lone surrogates, which are no text at all.</summary>
    private static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"Invalid value for '{path}': the string is not valid Unicode (it escapes a lone surrogate).", path);
        }
    }

    private static bool IsNone(JsonElement root, string field) =>
        root.TryGetProperty(field, out var choice) && choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none");

    private static string? OptionalString(JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? Text(value, field) : throw WrongType(field, "a string", value);
    }

    private static bool OptionalBoolean(JsonElement element, string field, string? path = null)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(path ?? field, "a boolean", value),
        };
    }

    private static ApiErrorException Invalid(string message, string param) => new(ApiError.InvalidValue(message, param));

    private static ApiErrorException Missing(string param) => new(ApiError.MissingParameter(param));

    private static ApiErrorException WrongType(string field, string expected, JsonElement actual) =>
        new(ApiError.WrongType(field, expected, actual.ValueKind));

}
