using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Http;
using OpenChat.Tools.Tests.Catalog;

namespace OpenChat.Tools.Tests.Http;

/// <summary>The HTTP contract the Api depends on, over the in-memory test server.</summary>
public sealed class ToolsApiTests(ToolsServiceFactory factory) : IClassFixture<ToolsServiceFactory>
{
    private const int Timeout = 30_000;

    [Fact(Timeout = Timeout)]
    public async Task Lists_every_tool_as_an_openai_function_definition()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/tools", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var list = await JsonAsync(response);
        Assert.Equal(["object", "data"], Names(list));
        Assert.Equal("list", list.GetProperty("object").GetString());
        var tools = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["calculate", "convert_units", "date_difference", "get_current_time"], tools.Select(tool => tool.GetProperty("function").GetProperty("name").GetString()));
        Assert.All(tools, tool =>
        {
            Assert.Equal(["type", "function"], Names(tool));
            Assert.Equal("function", tool.GetProperty("type").GetString());
            var function = tool.GetProperty("function");
            Assert.Equal(["name", "description", "parameters", "strict"], Names(function));
            Assert.False(string.IsNullOrWhiteSpace(function.GetProperty("description").GetString()));
            Assert.Equal("object", function.GetProperty("parameters").GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.False, function.GetProperty("strict").ValueKind);
        });
    }

    [Fact(Timeout = Timeout)]
    public async Task Lists_each_tool_s_own_schema_unchanged()
    {
        using var client = factory.CreateClient();
        var catalog = factory.Services.GetRequiredService<ToolCatalog>();

        var list = JsonElement.Parse(await client.GetStringAsync("/tools", TestContext.Current.CancellationToken));

        Assert.All(list.GetProperty("data").EnumerateArray(), tool =>
        {
            var function = tool.GetProperty("function");
            var registered = catalog.Tools.Single(entry => entry.Name == function.GetProperty("name").GetString());
            Assert.True(JsonElement.DeepEquals(registered.Tool.ParametersSchema, function.GetProperty("parameters")));
            Assert.Equal(registered.Tool.Description, function.GetProperty("description").GetString());
        });
    }

    [Fact(Timeout = Timeout)]
    public async Task Runs_a_tool_and_answers_its_result()
    {
        using var response = await InvokeAsync(factory, "calculate", """{"expression":"6*7"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"result":{"expression":"6*7","result":"42","exact":true}}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory(Timeout = Timeout)]
    [InlineData("convert_units", """{"value":1,"from":"mi","to":"km"}""", """{"value":1,"from":"mi","to":"km","result":"1.609344"}""")]
    [InlineData("date_difference", """{"start":"2026-01-01","end":"2026-03-01"}""", """{"start":"2026-01-01","end":"2026-03-01","days":59,"calendar":{"years":0,"months":2,"days":0}}""")]
    public async Task Runs_every_built_in_tool(string tool, string arguments, string result)
    {
        using var response = await InvokeAsync(factory, tool, arguments);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"result":{{result}}}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task Tells_the_time_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 21, 15, 0, TimeSpan.Zero));
        await using var clocked = factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

        using var response = await InvokeAsync(clocked, "get_current_time", """{"timezone":"Europe/Paris"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"result":{"timezone":"Europe/Paris","iso8601":"2026-11-24T22:15:00+01:00","utc_offset":"+01:00","day_of_week":"Tuesday"}}""",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task Takes_an_empty_body_as_no_arguments()
    {
        using var response = await InvokeAsync(factory, "get_current_time", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("UTC", (await JsonAsync(response)).GetProperty("result").GetProperty("timezone").GetString());
    }

    [Theory(Timeout = Timeout)]
    [InlineData("calculate", """{"expression":5}""", "expression must be a string, not a number", "/expression")]
    [InlineData("calculate", "{}", "expression is required", "/expression")]
    [InlineData("calculate", """{"expression":""}""", "expression must not be empty", "/expression")]
    [InlineData("calculate", """{"expression":"1","extra":true}""", "'extra' is not a parameter (the parameters are expression)", "/extra")]
    [InlineData("get_current_time", """{"timezone":5}""", "timezone must be a string, not a number", "/timezone")]
    [InlineData("convert_units", """{"value":"1","from":"parsec","to":"m"}""", "value must be a number, not a string; from must be one of mm, cm, m, km, in, ft, yd, mi, mg, g, kg, t, oz, lb, ml, l, m3, gal, qt, pt, C, F, K", "/value")]
    [InlineData("date_difference", """{"start":"1 January 2026","end":"2026-03-01"}""", "start must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "/start")]
    public async Task Refuses_arguments_against_the_schema_with_400_naming_the_problem(string tool, string arguments, string message, string param)
    {
        using var response = await InvokeAsync(factory, tool, arguments);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "invalid_arguments");
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory(Timeout = Timeout)]
    [InlineData("not json", "The arguments are not valid JSON: ")]
    [InlineData("{\"expression\":\"1\"", "The arguments are not valid JSON: ")]
    [InlineData("""{"expression":"1","expression":"2"}""", "The arguments are not valid JSON: Duplicate property 'expression'")]
    [InlineData("[1]", "The arguments must be a JSON object, not an array.")]
    [InlineData("\"6*7\"", "The arguments must be a JSON object, not a string.")]
    public async Task Refuses_a_body_that_is_not_a_json_object_with_400(string body, string message)
    {
        using var response = await InvokeAsync(factory, "calculate", body);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "invalid_arguments");
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task Answers_404_for_an_unknown_tool_whatever_the_body(string body)
    {
        using var response = await InvokeAsync(factory, "rm_rf", body);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", "tool_not_found");
        Assert.Equal("There is no tool named 'rm_rf'.", error.GetProperty("message").GetString());
    }

    [Theory(Timeout = Timeout)]
    [InlineData("calculate", """{"expression":"1/0"}""", "Division by zero.")]
    [InlineData("calculate", """{"expression":"2 +* 3"}""", "Unexpected '*' at position 4.")]
    [InlineData("get_current_time", """{"timezone":"Mars/Olympus_Mons"}""", "Unknown time zone 'Mars/Olympus_Mons'. Use an IANA name such as Europe/Paris or America/New_York.")]
    [InlineData("convert_units", """{"value":1,"from":"kg","to":"m"}""", "Cannot convert mass (kg) to length (m).")]
    [InlineData("date_difference", """{"start":"2026-02-30","end":"2026-03-01"}""", "start '2026-02-30' is not a date on the calendar.")]
    public async Task Answers_422_when_the_tool_cannot_do_what_is_asked(string tool, string arguments, string message)
    {
        using var response = await InvokeAsync(factory, tool, arguments);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "tool_error", "tool_error");
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact(Timeout = Timeout)]
    public async Task Answers_500_without_the_details_when_a_tool_breaks()
    {
        var fragile = new StubTool("fragile", StubTool.AnyObject, _ => throw new InvalidOperationException("password=hunter2"));
        await using var broken = factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IServerTool>(fragile)));

        using var response = await InvokeAsync(broken, "fragile", "{}");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.InternalServerError, "server_error", "tool_failed");
        Assert.Equal("The tool 'fragile' failed unexpectedly.", error.GetProperty("message").GetString());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Refuses_a_declared_body_over_the_limit_with_413()
    {
        using var response = await InvokeAsync(factory, "calculate", $$"""{"expression":"{{new string('1', ToolsApi.MaxArgumentsBytes)}}"}""");

        await OpenAiError.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", "arguments_too_large");
    }

    [Fact(Timeout = Timeout)]
    public async Task Reads_a_body_of_exactly_the_limit()
    {
        const string Prefix = "{\"expression\":\"";
        var body = Prefix + new string('1', ToolsApi.MaxArgumentsBytes - Prefix.Length - 2) + "\"}";
        Assert.Equal(ToolsApi.MaxArgumentsBytes, Encoding.UTF8.GetByteCount(body));

        using var response = await InvokeAsync(factory, "calculate", body);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "invalid_arguments");
        Assert.Equal("expression must be at most 1000 characters long", error.GetProperty("message").GetString());
    }

    private static async Task<HttpResponseMessage> InvokeAsync<T>(WebApplicationFactory<T> host, string tool, string arguments)
        where T : class
    {
        using var client = host.CreateClient();
        using var content = new StringContent(arguments, Encoding.UTF8, "application/json");
        return await client.PostAsync($"/tools/{tool}/invoke", content, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonElement.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    private static string[] Names(JsonElement element) => OpenAiError.PropertyNames(element);
}
