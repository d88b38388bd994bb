using System.Text.Json;

namespace OpenChat.Deploy.Tests;

public sealed class ExternalMcpServersManifestTests
{
    [Fact]
    public async Task The_apphost_hands_configured_mcp_servers_to_tools_with_header_values_as_secret_parameters()
    {
        var manifest = await AppHostManifest.PublishAsync(
            "--OpenChat:Tools:McpServers:weather:Url=http://weather.internal:8080/mcp",
            "--OpenChat:Tools:McpServers:weather:AllowedTools:0=forecast",
            "--OpenChat:Tools:McpServers:weather:Headers:Authorization=Bearer team-token");

        var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
        var environment = resources.GetProperty("tools").GetProperty("env");
        Assert.Equal("http://weather.internal:8080/mcp", environment.GetProperty("OpenChat__Tools__McpServers__weather__Url").GetString());
        Assert.Equal("forecast", environment.GetProperty("OpenChat__Tools__McpServers__weather__AllowedTools__0").GetString());
        Assert.Equal("{mcp-weather-authorization.value}", environment.GetProperty("OpenChat__Tools__McpServers__weather__Headers__Authorization").GetString());
        var header = resources.GetProperty("mcp-weather-authorization");
        Assert.True(header.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.DoesNotContain("team-token", manifest, StringComparison.Ordinal);
    }
}
