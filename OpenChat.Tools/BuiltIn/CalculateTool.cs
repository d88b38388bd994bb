using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn.Calculation;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>calculate</c>: evaluates an arithmetic expression, exactly where decimals allow.</summary>
public sealed class CalculateTool : IServerTool
{
    private static readonly JsonElement s_parameters = JsonElement.Parse($$"""
        {
          "type": "object",
          "properties": {
            "expression": {
              "type": "string",
              "minLength": 1,
              "maxLength": {{ExpressionEvaluator.MaxLength}},
              "description": "The expression, for example \"(1.5 + 2) * 3^2\" or \"round(sqrt(2) / 2, 4)\"."
            }
          },
          "required": ["expression"],
          "additionalProperties": false
        }
        """);

    public string Name => "calculate";

    public string Description =>
        "Evaluates an arithmetic expression and returns the result as a string, exact for decimal arithmetic " +
        "(0.1 + 0.2 is 0.3). Supports + - * / % ^ (power, right-associative), unary minus, parentheses, decimals, " +
        "the functions sqrt, abs, round(x[, digits]), floor, ceil, min, max, pow, exp, ln, log10 and the constants pi and e.";

    public JsonElement ParametersSchema => s_parameters;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var expression = arguments.GetProperty("expression").GetString()!;
        try
        {
            var result = ExpressionEvaluator.Evaluate(expression);
            return ValueTask.FromResult<JsonNode>(new JsonObject
            {
                ["expression"] = expression,
                ["result"] = result.ToString(),
                ["exact"] = result.IsExact,
            });
        }
        catch (CalculationException exception)
        {
            throw new ToolFailureException(exception.Message);
        }
    }
}
