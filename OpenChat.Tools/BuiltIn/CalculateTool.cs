using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn.Calculation;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>calculate</c>: evaluates an arithmetic expression, exactly where decimals allow.</summary>
public sealed class CalculateTool : IServerTool
{
    public string Name => "calculate";

    public string Description =>
        "Evaluates an arithmetic expression exactly and returns the result. Supports + - * / % ^, parentheses, decimals, " +
        "the functions sqrt, abs, round(x[, digits]), floor, ceil, min, max, pow, exp, ln, log10, and the constants pi and e.";

    public string ParametersSchema => """
        {
          "type": "object",
          "properties": {
            "expression": {
              "type": "string",
              "minLength": 1,
              "maxLength": 1000,
              "description": "The expression, for example \"(1.5 + 2) * 3^2\" or \"sqrt(2) / 2\"."
            }
          },
          "required": ["expression"],
          "additionalProperties": false
        }
        """;

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
                ["exact"] = result.Exact is not null,
            });
        }
        catch (CalculationException exception)
        {
            throw new ToolFailureException(exception.Message);
        }
    }
}
