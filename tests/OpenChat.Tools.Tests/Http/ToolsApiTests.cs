using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Http;

public sealed class ToolsApiTests(WebApplicationFactory<ToolCatalog> factory) : IClassFixture<WebApplicationFactory<ToolCatalog>>
{
    [Fact]
    public async Task Lists_every_tool_as_an_openai_function_definition()
    {
        using var client = factory.CreateClient();

        var list = JsonDocument.Parse(await client.GetStringAsync("/tools", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("list", list.GetProperty("object").GetString());
        var functions = list.GetProperty("data").EnumerateArray().ToList();
        Assert.All(functions, tool => Assert.Equal("function", tool.GetProperty("type").GetString()));
        Assert.Equal(["calculate", "convert_units", "get_current_time"], functions.Select(tool => tool.GetProperty("function").GetProperty("name").GetString()));
        var calculate = functions[0].GetProperty("function");
        Assert.False(string.IsNullOrWhiteSpace(calculate.GetProperty("description").GetString()));
        Assert.Equal("object", calculate.GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("expression", calculate.GetProperty("parameters").GetProperty("required")[0].GetString());
    }

    [Fact]
    public async Task Runs_a_tool_and_answers_its_result()
    {
        using var response = await InvokeAsync("calculate", """{"expression":"6*7"}""");

        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("result");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("42", result.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("""{"expression":5}""", "/expression", "should be \"string\"")]
    [InlineData("{}", null, "Required properties")]
    [InlineData("""{"expression":"1","extra":true}""", "/extra", "'extra' is not a parameter; the parameters are expression")]
    [InlineData("not json", null, "not valid JSON")]
    [InlineData("[1]", null, "must be a JSON object")]
    public async Task Refuses_invalid_arguments_with_a_message_a_model_can_act_on(string arguments, string? param, string message)
    {
        using var response = await InvokeAsync("calculate", arguments);

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_arguments");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_422_when_the_tool_cannot_do_what_is_asked()
    {
        using var response = await InvokeAsync("calculate", """{"expression":"1/0"}""");

        var error = await ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "tool_error");
        Assert.Equal("Division by zero.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_tool()
    {
        using var response = await InvokeAsync("rm_rf", "{}");

        await ErrorAsync(response, HttpStatusCode.NotFound, "tool_not_found");
    }

    [Fact]
    public async Task Refuses_arguments_over_the_size_limit_with_413()
    {
        using var response = await InvokeAsync("calculate", $$"""{"expression":"{{new string('1', ToolsApi.MaxArgumentsBytes)}}"}""");

        await ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "arguments_too_large");
    }

    private async Task<HttpResponseMessage> InvokeAsync(string tool, string arguments)
    {
        using var client = factory.CreateClient();
        return await client.PostAsync($"/tools/{tool}/invoke", new StringContent(arguments, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }
}
