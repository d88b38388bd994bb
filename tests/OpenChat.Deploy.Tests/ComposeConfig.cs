using OpenChat.Testing;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

/// <summary>deploy/compose as <c>docker-compose config</c> resolves it with a given environment.</summary>
internal static class ComposeConfig
{
    /// <summary>Every secret the Compose file requires, with test values.</summary>
    public static Dictionary<string, string> Secrets() => new()
    {
        ["OPENCHAT_GATEWAY_KEY"] = "compose-gateway-key-0123456789",
        ["OPENCHAT_ADMIN_KEY"] = "compose-admin-key-0123456789",
        ["OPENCHAT_UPSTREAM_API_KEY"] = "sk-compose-test",
        ["OPENCHAT_TOOLS_SERVICE_KEY"] = "compose-tools-service-key-0123456789",
        ["OPENCHAT_REDIS_PASSWORD"] = "0123456789abcdef0123456789abcdef",
    };

    /// <summary>Runs <c>docker-compose config</c>; skips the calling test where docker-compose is missing.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment) =>
        CommandLine.RunAsync(RequiredProgram.DockerCompose.Require(),
            ["-f", Repository.PathOf("deploy", "compose", "docker-compose.yml"), "config"], environment);

    /// <summary>The resolved file's root, with every secret set.</summary>
    public static async Task<YamlMappingNode> RenderAsync()
    {
        var (exitCode, output, error) = await RunAsync(Secrets());
        Assert.True(exitCode == 0, error);
        return Yaml.Documents(output)[0];
    }

    /// <summary>
    /// The networks a service joins: <c>config</c> writes them as a list or as a mapping; a service that names
    /// none is on <c>default</c>.
    /// </summary>
    public static List<string> NetworksOf(this YamlNode service)
    {
        var networks = service.At("networks") switch
        {
            YamlSequenceNode list => list.Children.Select(network => network.Text()!).ToList(),
            YamlMappingNode map => map.Children.Keys.Select(network => network.Text()!).ToList(),
            _ => [],
        };
        return networks.Count == 0 ? ["default"] : networks;
    }
}
