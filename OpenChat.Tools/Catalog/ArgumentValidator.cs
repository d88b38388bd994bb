using System.Text.Json;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>Checks arguments against a tool's schema and words every problem so a model can fix them all at once.</summary>
internal static class ArgumentValidator
{
    private static readonly EvaluationOptions s_options = new() { OutputFormat = OutputFormat.List };

    public static ToolResult.InvalidArguments? Validate(RegisteredTool tool, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return new ToolResult.InvalidArguments($"The arguments must be a JSON object, not {SchemaViolation.Kind(arguments)}.", Param: null);
        }

        // The schema library reads strings as .NET strings, which throws on an escaped lone surrogate.
        if (FindLoneSurrogate(arguments, "") is { } pointer)
        {
            return new ToolResult.InvalidArguments(
                $"The arguments escape a lone surrogate at '{pointer}', which is not valid Unicode.", pointer);
        }

        var results = tool.Schema.Evaluate(arguments, s_options);
        if (results.IsValid)
        {
            return null;
        }

        var violations = (results.Details ?? []).Prepend(results)
            .Where(node => node.Errors is { Count: > 0 })
            .SelectMany(node => node.Errors!.Select(error =>
                SchemaViolation.Describe(node, error.Key, error.Value, tool.Tool.ParametersSchema, arguments)))
            .DistinctBy(violation => violation.Message)
            .ToList();
        return violations.Count == 0
            ? new ToolResult.InvalidArguments($"The arguments do not match the parameters schema of '{tool.Name}'.", Param: null)
            : new ToolResult.InvalidArguments(string.Join("; ", violations.Select(violation => violation.Message)), violations[0].Param);
    }

    /// <summary>The JSON pointer to the first string, or object holding a name, that escapes a lone surrogate; null when there is none.</summary>
    private static string? FindLoneSurrogate(JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return IsValidUnicode(value.GetString) ? null : pointer;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (FindLoneSurrogate(item, $"{pointer}/{index++}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!IsValidUnicode(() => property.Name))
                    {
                        return pointer;
                    }

                    if (FindLoneSurrogate(property.Value, $"{pointer}/{SchemaViolation.Escape(property.Name)}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsValidUnicode(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
