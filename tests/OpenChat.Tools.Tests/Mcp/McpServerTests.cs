using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace OpenChat.Tools.Tests.Mcp;

/// <summary>The official MCP client against <c>/mcp</c>: the same catalog as the HTTP surface, as MCP tools.</summary>
public sealed class McpServerTests(McpServerFixture server) : IClassFixture<McpServerFixture>
{
    private const int Timeout = 30_000;

    [Fact(Timeout = Timeout)]
    public async Task Lists_the_catalog_with_descriptions_and_input_schemas()
    {
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(server.Catalog.Tools.Select(tool => tool.Name), tools.Select(tool => tool.Name));
        Assert.All(server.Catalog.Tools, registered =>
        {
            var listed = tools.Single(tool => tool.Name == registered.Name);
            Assert.Equal(registered.Tool.Description, listed.Description);
            Assert.True(JsonElement.DeepEquals(registered.Tool.ParametersSchema, listed.JsonSchema));
        });
    }

    [Fact(Timeout = Timeout)]
    public async Task Calls_calculate_and_answers_its_result_as_text_and_structured_content()
    {
        var result = await server.Client.CallToolAsync("calculate", new Dictionary<string, object?> { ["expression"] = "40+2" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("""{"expression":"40+2","result":"42","exact":true}""", text);
        Assert.Equal("42", result.StructuredContent?.GetProperty("result").GetString());
    }

    [Theory(Timeout = Timeout)]
    [InlineData("calculate", """{"expression":42}""", "expression must be a string, not a number")]
    [InlineData("calculate", "{}", "expression is required")]
    [InlineData("calculate", """{"expression":"1/0"}""", "Division by zero.")]
    [InlineData("get_current_time", """{"timezone":"Mars/Olympus_Mons"}""", "Unknown time zone 'Mars/Olympus_Mons'. Use an IANA name such as Europe/Paris or America/New_York.")]
    public async Task Reports_bad_arguments_and_tool_errors_as_error_results(string tool, string arguments, string message)
    {
        var parsed = JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments);

        var result = await server.Client.CallToolAsync(tool, parsed, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Equal(message, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact(Timeout = Timeout)]
    public async Task Refuses_an_unknown_tool_with_an_invalid_params_protocol_error()
    {
        var exception = await Assert.ThrowsAsync<McpProtocolException>(async () =>
            await server.Client.CallToolAsync("rm_rf", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(McpErrorCode.InvalidParams, exception.ErrorCode);
        Assert.Contains("There is no tool named 'rm_rf'.", exception.Message, StringComparison.Ordinal);
    }
}
