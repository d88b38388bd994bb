using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>
/// One failed schema keyword, worded as an instruction ("expression is required", "timezone must be a string,
/// not a number") with <see cref="Param"/> the JSON pointer to the value at fault. The library's own messages
/// ("All values fail against the false schema") leave a model guessing, so the common keywords are worded
/// from the schema itself; any other keyword keeps the library's message.
/// </summary>
internal sealed record SchemaViolation(string Message, string Param)
{
    private const string AdditionalProperties = "/additionalProperties";

    public static SchemaViolation Describe(EvaluationResults node, string keyword, string libraryMessage, JsonElement schema, JsonElement arguments)
    {
        var location = node.InstanceLocation.ToString();
        var name = DisplayName(location);
        var subschema = node.EvaluationPath.Evaluate(schema);
        var expected = subschema is { ValueKind: JsonValueKind.Object } keywords && keywords.TryGetProperty(keyword, out var value)
            ? value
            : (JsonElement?)null;

        if (keyword == "required" && expected is { } required && node.InstanceLocation.Evaluate(arguments) is { } instance)
        {
            var missing = required.EnumerateArray().Select(property => property.GetString()!)
                .Where(property => !instance.TryGetProperty(property, out _))
                .ToList();
            if (missing.Count > 0)
            {
                var names = missing.Select(property => DisplayName($"{location}/{Escape(property)}")).ToList();
                return new($"{JoinWithAnd(names)} {(names.Count == 1 ? "is" : "are")} required", $"{location}/{Escape(missing[0])}");
            }
        }

        var evaluationPath = node.EvaluationPath.ToString();
        if (keyword.Length == 0 && evaluationPath.EndsWith(AdditionalProperties, StringComparison.Ordinal))
        {
            var parameters = JsonPointer.Parse(evaluationPath[..^AdditionalProperties.Length]).Evaluate(schema) is { ValueKind: JsonValueKind.Object } parent
                && parent.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(property => property.Name).ToList()
                : [];
            var unknown = DisplayName(location);
            return new(parameters.Count == 0
                ? $"'{unknown}' is not a parameter (this tool takes none)"
                : $"'{unknown}' is not a parameter (the parameters are {string.Join(", ", parameters)})", location);
        }

        var message = (keyword, expected) switch
        {
            ("type", { } type) => $"{name} must be {TypeNames(type)}, not {Kind(node.InstanceLocation.Evaluate(arguments))}",
            ("minLength", { } length) when length.GetRawText() == "1" => $"{name} must not be empty",
            ("minLength", { } length) => $"{name} must be at least {length.GetRawText()} characters long",
            ("maxLength", { } length) => $"{name} must be at most {length.GetRawText()} characters long",
            ("enum", { ValueKind: JsonValueKind.Array } values) => $"{name} must be one of {string.Join(", ", values.EnumerateArray().Select(Text))}",
            ("const", { } constant) => $"{name} must be {Text(constant)}",
            ("minimum", { } bound) => $"{name} must be at least {bound.GetRawText()}",
            ("maximum", { } bound) => $"{name} must be at most {bound.GetRawText()}",
            ("exclusiveMinimum", { } bound) => $"{name} must be greater than {bound.GetRawText()}",
            ("exclusiveMaximum", { } bound) => $"{name} must be less than {bound.GetRawText()}",
            ("pattern", { } pattern) => $"{name} must match the pattern {pattern.GetString()}",
            _ => $"{name}: {libraryMessage}",
        };
        return new(message, location);
    }

    /// <summary>What a JSON value is, in the words a schema's <c>type</c> uses.</summary>
    public static string Kind(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string TypeNames(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(TypeName))
        : TypeName(type);

    private static string TypeName(JsonElement type) => type.GetString() switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        var other => $"a {other}",
    };

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary><c>/options/unit</c> reads as <c>options.unit</c>; the root is "the arguments".</summary>
    private static string DisplayName(string pointer) => pointer.Length == 0
        ? "the arguments"
        : string.Join('.', pointer[1..].Split('/').Select(segment => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));

    public static string Escape(string property) => property.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string JoinWithAnd(List<string> names) => names.Count == 1
        ? names[0]
        : $"{string.Join(", ", names[..^1])} and {names[^1]}";
}
