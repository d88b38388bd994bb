using OpenChat.Testing;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task Docker_compose_accepts_the_file_and_publishes_only_the_api_and_the_dashboard()
    {
        var (exitCode, output, error) = await CommandLine.RunAsync(RequiredProgram.DockerCompose.Require(),
            ["-f", Repository.PathOf("deploy", "compose", "docker-compose.yml"), "config"],
            new Dictionary<string, string> { ["OPENCHAT_GATEWAY_KEY"] = "compose-test-key", ["OPENCHAT_UPSTREAM_API_KEY"] = "sk-test" });

        Assert.True(exitCode == 0, error);
        var services = (YamlMappingNode)Yaml.Documents(output)[0].At("services")!;
        Assert.Equal(["api", "dashboard", "redis", "simulator", "tools"], services.Children.Keys.Select(key => ((YamlScalarNode)key).Value).Order());
        Assert.Equal("simulator", ((YamlSequenceNode)services.At("simulator", "profiles")!).Children[0].Text());
        Assert.NotNull(services.At("api", "ports"));
        Assert.NotNull(services.At("dashboard", "ports"));
        Assert.Null(services.At("tools", "ports"));
        Assert.Null(services.At("redis", "ports"));
        Assert.Equal("compose-test-key", services.Text("api", "environment", "OpenChat__ApiKeys__0"));
        Assert.Equal("http://tools:8080", services.Text("api", "environment", "services__tools__http__0"));
        Assert.Equal("http://dashboard:18889", services.Text("api", "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public async Task Docker_compose_refuses_to_start_without_a_gateway_key()
    {
        var (exitCode, _, error) = await CommandLine.RunAsync(RequiredProgram.DockerCompose.Require(),
            ["-f", Repository.PathOf("deploy", "compose", "docker-compose.yml"), "config"],
            new Dictionary<string, string> { ["OPENCHAT_GATEWAY_KEY"] = "" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("OPENCHAT_GATEWAY_KEY", error, StringComparison.Ordinal);
    }
}
