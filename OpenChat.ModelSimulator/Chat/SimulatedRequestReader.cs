using System.Text.Json;
using OpenChat.ModelSimulator.Script;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>Validates a chat request as OpenAI does and reads the conversation's state from it.</summary>
public static class SimulatedRequestReader
{
    public static SimulatedRequest Read(JsonElement root, IReadOnlyCollection<string> models)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ChatRequestException.Invalid("The request body must be a JSON object.");
        }

        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind == JsonValueKind.Null)
        {
            throw ChatRequestException.Invalid("Missing required parameter: 'model'.", "model");
        }

        if (modelElement.ValueKind != JsonValueKind.String)
        {
            throw ChatRequestException.Invalid("Invalid type for 'model': expected a string.", "model");
        }

        var model = modelElement.GetString()!;
        if (!models.Contains(model))
        {
            throw new ChatRequestException(StatusCodes.Status404NotFound,
                $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw ChatRequestException.Invalid("Missing required parameter: 'messages' (a non-empty array).", "messages");
        }

        var stream = Boolean(root, "stream");
        var hasStreamOptions = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object;
        var includeUsage = hasStreamOptions && Boolean(streamOptions, "include_usage", "stream_options.include_usage");
        var continuousUsage = hasStreamOptions && Boolean(streamOptions, "continuous_usage_stats", "stream_options.continuous_usage_stats");
        var includeObfuscation = !hasStreamOptions || Boolean(streamOptions, "include_obfuscation", "stream_options.include_obfuscation", absent: true);

        var (offered, legacy) = OfferedTools(root);
        var choiceField = legacy ? "function_call" : "tool_choice";
        var toolChoiceNone = root.TryGetProperty(choiceField, out var choice) && choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none");

        var conversation = ReadConversation(messages);
        return new SimulatedRequest
        {
            Model = model,
            Stream = stream,
            IncludeUsage = includeUsage,
            ContinuousUsage = continuousUsage,
            IncludeObfuscation = includeObfuscation,
            OfferedTools = offered,
            Legacy = legacy,
            ToolChoiceNone = toolChoiceNone,
            MaxTokens = Integer(root, "max_completion_tokens") ?? Integer(root, "max_tokens"),
            Script = conversation.Script,
            UserText = conversation.UserText,
            ToolTurns = conversation.ToolTurns,
            ToolResults = conversation.ToolResults,
            PromptTokens = conversation.PromptTokens,
        };
    }

    private static (IReadOnlySet<string> Names, bool Legacy) OfferedTools(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }

            return (names, false);
        }

        if (root.TryGetProperty("functions", out var functions) && functions.ValueKind == JsonValueKind.Array)
        {
            foreach (var function in functions.EnumerateArray())
            {
                if (function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }

            return (names, true);
        }

        return (names, false);
    }

    private static (SimulatorScript Script, string UserText, int ToolTurns, List<ToolResultMessage> ToolResults, int PromptTokens) ReadConversation(JsonElement messages)
    {
        var list = messages.EnumerateArray().ToList();
        var promptTokens = 0;
        var lastUser = -1;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].ValueKind != JsonValueKind.Object || !list[i].TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw ChatRequestException.Invalid($"Invalid value for 'messages[{i}]': expected an object with a 'role'.", $"messages[{i}]");
            }

            promptTokens += 3 + CountWords(TextOf(list[i]));
            if (role.ValueEquals("user"))
            {
                lastUser = i;
            }
        }

        if (lastUser < 0)
        {
            return (SimulatorScript.None, "", 0, [], promptTokens);
        }

        SimulatorScript script;
        string userText;
        try
        {
            (script, userText) = SimulatorScriptParser.Parse(TextOf(list[lastUser]));
        }
        catch (FormatException exception)
        {
            throw ChatRequestException.Invalid(exception.Message, $"messages[{lastUser}].content", "invalid_simulator_script");
        }

        var toolTurns = 0;
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<ToolResultMessage>();
        foreach (var message in list.Skip(lastUser + 1))
        {
            var role = message.GetProperty("role").GetString();
            if (role == "assistant" && (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array || HasObject(message, "function_call")))
            {
                toolTurns++;
                results.Clear();
                if (message.TryGetProperty("tool_calls", out calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in calls.EnumerateArray())
                    {
                        callNames[call.GetProperty("id").GetString() ?? ""] = call.GetProperty("function").GetProperty("name").GetString() ?? "";
                    }
                }
            }
            else if (role == "tool")
            {
                var id = message.TryGetProperty("tool_call_id", out var callId) ? callId.GetString() ?? "" : "";
                results.Add(new ToolResultMessage(callNames.GetValueOrDefault(id, id), TextOf(message)));
            }
            else if (role == "function")
            {
                results.Add(new ToolResultMessage(message.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "", TextOf(message)));
            }
        }

        return (script, userText, toolTurns, results, promptTokens);
    }

    private static bool HasObject(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object;

    /// <summary>A message's text: a string, or the text parts of an array of parts.</summary>
    private static string TextOf(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Join('\n', content.EnumerateArray()
                .Where(part => part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(part => part.GetProperty("text").GetString())),
            _ => "",
        };
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool Boolean(JsonElement element, string name, string? path = null, bool absent = false)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ChatRequestException.Invalid($"Invalid type for '{path ?? name}': expected a boolean.", path ?? name),
        };
    }

    private static int? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
