using System.Text.Json;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>Checks arguments against a tool's schema and words the first problem so a model can fix it.</summary>
public static class ArgumentValidator
{
    private static readonly EvaluationOptions s_options = new() { OutputFormat = OutputFormat.List };

    public static ToolResult.InvalidArguments? Validate(RegisteredTool tool, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return new ToolResult.InvalidArguments($"The arguments of '{tool.Tool.Name}' must be a JSON object.", null);
        }

        var results = tool.Schema.Evaluate(arguments, s_options);
        if (results.IsValid)
        {
            return null;
        }

        var failure = (results.Details ?? []).Prepend(results).FirstOrDefault(detail => detail.Errors is { Count: > 0 });
        if (failure is null)
        {
            return new ToolResult.InvalidArguments($"The arguments of '{tool.Tool.Name}' do not match its schema.", null);
        }

        var location = failure.InstanceLocation.ToString().TrimStart('#');
        if (location.Length == 0)
        {
            return new ToolResult.InvalidArguments($"Invalid arguments for '{tool.Tool.Name}': {string.Join("; ", failure.Errors!.Values)}", null);
        }

        // The schema's own words for an undeclared property ("all values fail against the false schema") help
        // no model; name the parameters instead.
        var property = location.TrimStart('/');
        var declared = DeclaredProperties(tool.Parameters);
        var problem = !property.Contains('/', StringComparison.Ordinal) && !declared.Contains(property)
            ? $"'{property}' is not a parameter; the parameters are {string.Join(", ", declared)}"
            : string.Join("; ", failure.Errors!.Values);
        return new ToolResult.InvalidArguments($"Invalid arguments for '{tool.Tool.Name}': {location}: {problem}", location);
    }

    private static List<string> DeclaredProperties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? [.. properties.EnumerateObject().Select(property => property.Name)]
            : [];
}
