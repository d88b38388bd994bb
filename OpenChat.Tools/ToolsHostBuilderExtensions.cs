using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Mcp;

namespace OpenChat.Tools;

public static class ToolsHostBuilderExtensions
{
    /// <summary>The built-in tools, the catalog over them, and the MCP server that serves the same catalog.</summary>
    public static IHostApplicationBuilder AddToolsCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IServerTool, CalculateTool>();
        services.AddSingleton<IServerTool, ConvertUnitsTool>();
        services.AddSingleton<IServerTool, CurrentTimeTool>();
        services.AddSingleton<IServerTool, DateDifferenceTool>();
        services.AddSingleton<ToolCatalog>();

        // Stateless: any replica answers any call, so the service scales without session affinity.
        services.AddMcpServer()
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithListToolsHandler(McpToolHandlers.ListToolsAsync)
            .WithCallToolHandler(McpToolHandlers.CallToolAsync);
        return builder;
    }
}
