using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Catalog;

public sealed class ArgumentValidationTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "expression": { "type": "string", "minLength": 1, "maxLength": 5 },
            "unit": { "type": "string", "enum": ["m", "km"] },
            "count": { "type": "integer", "minimum": 1, "maximum": 10 },
            "ratio": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
            "year": { "type": "string", "pattern": "^[0-9]{4}$" },
            "timezone": { "type": ["string", "null"] },
            "code": { "type": "string", "minLength": 3 },
            "options": {
              "type": "object",
              "properties": { "precise": { "type": "boolean" } },
              "required": ["precise"]
            }
          },
          "required": ["expression", "unit"],
          "additionalProperties": false
        }
        """;

    private readonly StubTool _tool = new("check", Schema);

    [Theory]
    [InlineData("""{"unit":"m"}""", "expression is required", "/expression")]
    [InlineData("{}", "expression and unit are required", "/expression")]
    [InlineData("""{"expression":5,"unit":"m"}""", "expression must be a string, not a number", "/expression")]
    [InlineData("""{"expression":null,"unit":"m"}""", "expression must be a string, not null", "/expression")]
    [InlineData("""{"expression":"","unit":"m"}""", "expression must not be empty", "/expression")]
    [InlineData("""{"expression":"123456","unit":"m"}""", "expression must be at most 5 characters long", "/expression")]
    [InlineData("""{"expression":"1","unit":"mi"}""", "unit must be one of m, km", "/unit")]
    [InlineData("""{"expression":"1","unit":"m","count":0}""", "count must be at least 1", "/count")]
    [InlineData("""{"expression":"1","unit":"m","count":11}""", "count must be at most 10", "/count")]
    [InlineData("""{"expression":"1","unit":"m","count":1.5}""", "count must be an integer, not a number", "/count")]
    [InlineData("""{"expression":"1","unit":"m","ratio":0}""", "ratio must be greater than 0", "/ratio")]
    [InlineData("""{"expression":"1","unit":"m","ratio":1}""", "ratio must be less than 1", "/ratio")]
    [InlineData("""{"expression":"1","unit":"m","year":"26"}""", "year must match the pattern ^[0-9]{4}$", "/year")]
    [InlineData("""{"expression":"1","unit":"m","timezone":true}""", "timezone must be a string or null, not a boolean", "/timezone")]
    [InlineData("""{"expression":"1","unit":"m","code":"ab"}""", "code must be at least 3 characters long", "/code")]
    [InlineData("""{"expression":"1","unit":"m","options":{}}""", "options.precise is required", "/options/precise")]
    [InlineData("""{"expression":"1","unit":"m","options":{"precise":"yes"}}""", "options.precise must be a boolean, not a string", "/options/precise")]
    [InlineData("""{"expression":"1","unit":"m","extra":1}""",
        "'extra' is not a parameter (the parameters are expression, unit, count, ratio, year, timezone, code, options)", "/extra")]
    public async Task Words_each_problem_as_something_a_model_can_fix(string arguments, string message, string param)
    {
        var invalid = await InvalidAsync(arguments);

        Assert.Equal(message, invalid.Message);
        Assert.Equal(param, invalid.Param);
    }

    [Fact]
    public async Task Names_every_problem_at_once_and_points_at_the_first()
    {
        var invalid = await InvalidAsync("""{"expression":5,"unit":"mi","surprise":true}""");

        string[] problems =
        [
            "expression must be a string, not a number",
            "unit must be one of m, km",
            "'surprise' is not a parameter (the parameters are expression, unit, count, ratio, year, timezone, code, options)",
        ];
        Assert.Equal(problems.Order(StringComparer.Ordinal), invalid.Message.Split("; ").Order(StringComparer.Ordinal));
        Assert.Contains(invalid.Param, (string[])["/expression", "/unit", "/surprise"]);
        Assert.Contains(invalid.Param![1..], invalid.Message.Split("; ")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "an array")]
    [InlineData("\"6*7\"", "a string")]
    [InlineData("null", "null")]
    public async Task Refuses_arguments_that_are_not_an_object(string arguments, string kind)
    {
        var invalid = await InvalidAsync(arguments);

        Assert.Equal($"The arguments must be a JSON object, not {kind}.", invalid.Message);
        Assert.Null(invalid.Param);
    }

    [Fact]
    public async Task Says_so_when_a_tool_takes_no_parameters_at_all()
    {
        var tool = new StubTool("nothing", """{"type":"object","additionalProperties":false}""");

        var result = await new ToolCatalog([tool], NullLogger<ToolCatalog>.Instance)
            .InvokeAsync("nothing", JsonElement.Parse("""{"please":1}"""), TestContext.Current.CancellationToken);

        Assert.Equal("'please' is not a parameter (this tool takes none)", Assert.IsType<ToolResult.InvalidArguments>(result).Message);
    }

    private async Task<ToolResult.InvalidArguments> InvalidAsync(string arguments)
    {
        var result = await new ToolCatalog([_tool], NullLogger<ToolCatalog>.Instance)
            .InvokeAsync("check", JsonElement.Parse(arguments), TestContext.Current.CancellationToken);
        return Assert.IsType<ToolResult.InvalidArguments>(result);
    }
}
