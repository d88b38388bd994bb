using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.Catalog;

public sealed class ToolCatalogTests
{
    private const string ExpressionSchema = """{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}""";

    private readonly FakeLogger<ToolCatalog> _logger = new();

    [Fact]
    public void Lists_its_tools_in_name_order()
    {
        var catalog = Catalog(new StubTool("zeta", StubTool.AnyObject), new StubTool("alpha", StubTool.AnyObject), new StubTool("mu", StubTool.AnyObject));

        Assert.Equal(["alpha", "mu", "zeta"], catalog.Tools.Select(tool => tool.Name));
    }

    [Fact]
    public void Refuses_two_tools_with_the_same_name()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            Catalog(new StubTool("calculate", StubTool.AnyObject), new StubTool("calculate", StubTool.AnyObject)));

        Assert.Equal("Two tools are named 'calculate'.", exception.Message);
    }

    [Theory]
    [InlineData("get weather")]
    [InlineData("")]
    [InlineData("outil_météo")]
    public void Refuses_a_name_models_cannot_call(string name)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Catalog(new StubTool(name, StubTool.AnyObject)));

        Assert.StartsWith($"'{name}' is not a name models can call", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"string"}""")]
    [InlineData("""{"properties":{}}""")]
    [InlineData("true")]
    public void Refuses_a_parameters_schema_that_is_not_an_object_schema(string schema)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Catalog(new StubTool("odd", schema)));

        Assert.Equal("The parameters schema of 'odd' must be a JSON Schema of type \"object\".", exception.Message);
    }

    [Fact]
    public async Task Runs_a_tool_with_valid_arguments_and_returns_its_result()
    {
        var tool = new StubTool("echo", ExpressionSchema, arguments => new JsonObject { ["echo"] = arguments.GetProperty("expression").GetString() });

        var result = await Catalog(tool).InvokeAsync("echo", Arguments("""{"expression":"hi"}"""), TestContext.Current.CancellationToken);

        Assert.Equal("""{"echo":"hi"}""", Assert.IsType<ToolResult.Success>(result).Result.ToJsonString());
    }

    [Fact]
    public async Task Does_not_run_the_tool_when_the_arguments_break_its_schema()
    {
        var tool = new StubTool("echo", ExpressionSchema);

        var result = await Catalog(tool).InvokeAsync("echo", Arguments("""{"expression":1}"""), TestContext.Current.CancellationToken);

        Assert.IsType<ToolResult.InvalidArguments>(result);
        Assert.Equal(0, tool.Calls);
    }

    [Fact]
    public async Task Answers_not_found_for_a_name_it_does_not_hold()
    {
        var result = await Catalog(new StubTool("echo", StubTool.AnyObject)).InvokeAsync("Echo", Arguments("{}"), TestContext.Current.CancellationToken);

        Assert.Equal("There is no tool named 'Echo'.", Assert.IsType<ToolResult.NotFound>(result).Message);
    }

    [Fact]
    public async Task Passes_on_the_message_of_a_tool_that_cannot_do_what_is_asked()
    {
        var tool = new StubTool("strict", StubTool.AnyObject, _ => throw new ToolFailureException("Cannot do that."));

        var result = await Catalog(tool).InvokeAsync("strict", Arguments("{}"), TestContext.Current.CancellationToken);

        Assert.Equal("Cannot do that.", Assert.IsType<ToolResult.ToolError>(result).Message);
    }

    [Fact]
    public async Task Hides_what_broke_in_a_tool_from_the_caller_but_logs_it()
    {
        var crash = new InvalidOperationException("connection string=secret");
        var tool = new StubTool("fragile", StubTool.AnyObject, _ => throw crash);

        var result = await Catalog(tool).InvokeAsync("fragile", Arguments("{}"), TestContext.Current.CancellationToken);

        var crashed = Assert.IsType<ToolResult.Crashed>(result);
        Assert.Equal("The tool 'fragile' failed unexpectedly.", crashed.Message);
        var record = Assert.Single(_logger.Collector.GetSnapshot(), record => record.Level == LogLevel.Error);
        Assert.Same(crash, record.Exception);
    }

    [Fact]
    public async Task Lets_the_caller_s_cancellation_escape()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var catalog = Catalog(new StubTool("slow", StubTool.AnyObject));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => catalog.InvokeAsync("slow", Arguments("{}"), cancellation.Token));
    }

    [Fact]
    public async Task Counts_a_cancellation_the_caller_did_not_ask_for_as_a_crash()
    {
        var tool = new StubTool("impatient", StubTool.AnyObject, _ => throw new OperationCanceledException());

        var result = await Catalog(tool).InvokeAsync("impatient", Arguments("{}"), TestContext.Current.CancellationToken);

        Assert.IsType<ToolResult.Crashed>(result);
    }

    [Theory]
    [InlineData("""{"expression":"secret-value"}""")]
    [InlineData("""{"expression":"secret-value","extra":"secret-value"}""")]
    [InlineData("""{"expression":"fail secret-value"}""")]
    public async Task Logs_the_arguments_at_trace_and_nowhere_above(string arguments)
    {
        var tool = new StubTool("echo", """{"type":"object","properties":{"expression":{"type":"string"}},"additionalProperties":false}""", parsed =>
            parsed.GetProperty("expression").GetString()!.StartsWith("fail", StringComparison.Ordinal)
                ? throw new ToolFailureException($"Cannot {parsed.GetProperty("expression").GetString()}.")
                : new JsonObject());

        await Catalog(tool).InvokeAsync("echo", Arguments(arguments), TestContext.Current.CancellationToken);

        var records = _logger.Collector.GetSnapshot();
        Assert.Contains(records, record => record.Level == LogLevel.Trace && record.Message.Contains("secret-value", StringComparison.Ordinal));
        Assert.Contains(records, record => record.Level > LogLevel.Trace);
        Assert.All(records.Where(record => record.Level > LogLevel.Trace), record =>
            Assert.DoesNotContain("secret-value", record.Message, StringComparison.Ordinal));
    }

    private ToolCatalog Catalog(params IServerTool[] tools) => new(tools, _logger);

    private static JsonElement Arguments(string json) => JsonElement.Parse(json);
}
