using System.Text.Json;

namespace OpenChat.Deploy.Tests;

public sealed class ExternalMcpServersManifestTests
{
    [Fact]
    public async Task The_apphost_hands_configured_mcp_servers_to_tools_with_header_values_as_secret_parameters()
    {
        var output = Path.Combine(Path.GetTempPath(), $"openchat-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");
        try
        {
            var (exitCode, stdout, error) = await CommandLine.RunAsync("dotnet",
            [
                "run", "--project", Repository.PathOf("OpenChat.AppHost"), "--no-build", "--no-launch-profile", "--",
                "--publisher", "manifest", "--output-path", output,
                "--OpenChat:Tools:McpServers:weather:Url=http://weather.internal:8080/mcp",
                "--OpenChat:Tools:McpServers:weather:AllowedTools:0=forecast",
                "--OpenChat:Tools:McpServers:weather:Headers:Authorization=Bearer team-token",
            ]);

            Assert.True(exitCode == 0, stdout + error);
            var manifest = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
            var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
            var environment = resources.GetProperty("tools").GetProperty("env");
            Assert.Equal("http://weather.internal:8080/mcp", environment.GetProperty("OpenChat__Tools__McpServers__weather__Url").GetString());
            Assert.Equal("forecast", environment.GetProperty("OpenChat__Tools__McpServers__weather__AllowedTools__0").GetString());
            Assert.Equal("{mcp-weather-authorization.value}", environment.GetProperty("OpenChat__Tools__McpServers__weather__Headers__Authorization").GetString());
            var header = resources.GetProperty("mcp-weather-authorization");
            Assert.True(header.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
            Assert.DoesNotContain("team-token", manifest, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }
}
