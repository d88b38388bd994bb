using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn;
using Microsoft.Extensions.Logging.Abstractions;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Http;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class CalculateToolTests
{
    private readonly CalculateTool _tool = new();

    [Theory]
    [InlineData("6*7", """{"expression":"6*7","result":"42","exact":true}""")]
    [InlineData("0.1+0.2", """{"expression":"0.1+0.2","result":"0.3","exact":true}""")]
    [InlineData("2/3", """{"expression":"2/3","result":"0.6666666666666666666666666667","exact":false}""")]
    [InlineData("sqrt(2)", """{"expression":"sqrt(2)","result":"1.4142135623730951","exact":false}""")]
    public async Task Answers_the_expression_its_result_as_an_invariant_string_and_whether_it_is_exact(string expression, string expected)
    {
        var result = await _tool.InvokeAsync(JsonSerializer.SerializeToElement(new { expression }), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Fact]
    public async Task Reports_an_expression_it_cannot_evaluate_as_a_tool_failure()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await _tool.InvokeAsync(JsonSerializer.SerializeToElement(new { expression = "2 +* 3" }), TestContext.Current.CancellationToken));

        Assert.Equal("Unexpected '*' at position 4.", failure.Message);
    }

    [Fact]
    public void Declares_a_required_bounded_expression()
    {
        var expression = _tool.ParametersSchema.GetProperty("properties").GetProperty("expression");

        Assert.Equal("string", expression.GetProperty("type").GetString());
        Assert.Equal(1000, expression.GetProperty("maxLength").GetInt32());
        Assert.Equal("expression", Assert.Single(_tool.ParametersSchema.GetProperty("required").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Refuses_an_expression_that_escapes_a_lone_surrogate_as_invalid_arguments_not_a_crash()
    {
        var catalog = new ToolCatalog([_tool], NullLogger<ToolCatalog>.Instance);

        var result = await catalog.InvokeAsync("calculate", JsonElement.Parse("""{"expression":"1+\udfff"}"""), TestContext.Current.CancellationToken);

        var invalid = Assert.IsType<ToolResult.InvalidArguments>(result);
        Assert.Equal("The arguments escape a lone surrogate at '/expression', which is not valid Unicode.", invalid.Message);
        Assert.Equal("/expression", invalid.Param);
    }

    [Fact]
    public void Refuses_arguments_whose_name_escapes_a_lone_surrogate_as_invalid_json()
    {
        var (arguments, problem) = ToolsApi.ParseArguments(Encoding.UTF8.GetBytes("""{"\udc00":"1"}"""));

        Assert.Null(arguments);
        Assert.Equal("The arguments are not valid JSON: a name escapes a lone surrogate, which is not valid Unicode.", problem);
    }
}
