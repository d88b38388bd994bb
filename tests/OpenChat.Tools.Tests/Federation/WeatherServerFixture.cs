using OpenChat.Testing;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>One external MCP server with three tools and the Tools service federating it, shared by a test class.</summary>
public sealed class WeatherServerFixture : IAsyncLifetime
{
    public const int MaxResultBytes = 2048;

    internal TestMcpServer Server { get; } = new([ExternalTools.Forecast(), ExternalTools.Flood(), ExternalTools.Text()]);

    internal FederatedToolsHost Tools { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Server.StartAsync();
        Tools = FederatedToolsHost.Start(FederatedToolsHost.McpServer("weather", Server.Endpoint, ("MaxResultBytes", MaxResultBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Tools.WaitForToolAsync("weather__forecast");
    }

    public async ValueTask DisposeAsync()
    {
        if (Tools is not null)
        {
            await Tools.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
