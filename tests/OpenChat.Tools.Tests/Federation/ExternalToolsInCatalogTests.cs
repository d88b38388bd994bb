using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Tests.Catalog;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>How the catalog holds the tools of external servers beside the built-ins.</summary>
public sealed class ExternalToolsInCatalogTests
{
    [Fact]
    public void Leaves_out_a_server_tool_named_like_a_built_in_and_keeps_the_built_in()
    {
        var builtIn = new StubTool("calculate", StubTool.AnyObject);
        var catalog = new ToolCatalog([builtIn], NullLogger<ToolCatalog>.Instance);

        catalog.SetServerTools("math", "math__", [new StubTool("calculate", StubTool.AnyObject), new StubTool("math__sum", StubTool.AnyObject)]);

        Assert.Equal(["calculate", "math__sum"], catalog.Tools.Select(tool => tool.Name));
        Assert.Same(builtIn, catalog.Tools[0].Tool);
    }

    [Fact]
    public void Leaves_out_a_server_tool_whose_schema_is_not_an_object_schema()
    {
        var catalog = new ToolCatalog([], NullLogger<ToolCatalog>.Instance);

        catalog.SetServerTools("odd", "odd__", [new StubTool("odd__list", """{"type":"array"}"""), new StubTool("odd__fine", StubTool.AnyObject)]);

        Assert.Equal(["odd__fine"], catalog.Tools.Select(tool => tool.Name));
    }

    [Fact]
    public async Task Answers_a_call_under_the_prefix_of_an_unavailable_server_as_a_tool_error_and_others_as_not_found()
    {
        var catalog = new ToolCatalog([], NullLogger<ToolCatalog>.Instance);
        catalog.SetServerTools("weather", "weather__", [new StubTool("weather__forecast", StubTool.AnyObject)]);

        catalog.SetServerTools("weather", "weather__", null);
        var call = await catalog.InvokeAsync("weather__forecast", JsonElement.Parse("{}"), TestContext.Current.CancellationToken);
        var other = await catalog.InvokeAsync("weatherman", JsonElement.Parse("{}"), TestContext.Current.CancellationToken);

        Assert.Empty(catalog.Tools);
        Assert.Equal(ToolResult.UnavailableMessage("weather", "weather__forecast"), Assert.IsType<ToolResult.ToolError>(call).Message);
        Assert.IsType<ToolResult.NotFound>(other);
    }

    [Fact]
    public void Tells_its_listeners_when_a_server_s_tools_change()
    {
        var catalog = new ToolCatalog([], NullLogger<ToolCatalog>.Instance);
        var changes = 0;
        catalog.Changed += () => changes++;

        catalog.SetServerTools("weather", "weather__", [new StubTool("weather__forecast", StubTool.AnyObject)]);
        catalog.SetServerTools("weather", "weather__", null);

        Assert.Equal(2, changes);
    }
}
