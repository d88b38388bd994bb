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
}
