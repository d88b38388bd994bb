using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task Docker_compose_accepts_the_file_and_publishes_only_the_api_and_the_dashboard()
    {
        var root = await ComposeConfig.RenderAsync();
        var services = root.At("services")!;

        Assert.Equal(["api", "dashboard", "redis", "simulator", "tools"], services.Keys().Order());
        Assert.Equal("simulator", services.Items("simulator", "profiles").Single().Text());
        Assert.NotNull(services.At("api", "ports"));
        Assert.NotNull(services.At("dashboard", "ports"));
        Assert.Null(services.At("tools", "ports"));
        Assert.Null(services.At("redis", "ports"));
        Assert.Equal("compose-gateway-key-0123456789", services.Text("api", "environment", "OpenChat__ApiKeys__0"));
        Assert.Equal("compose-admin-key-0123456789", services.Text("api", "environment", "OpenChat__AdminKeys__0"));
        Assert.Equal("http://tools:8080", services.Text("api", "environment", "services__tools__http__0"));
        Assert.Equal("http://dashboard:18889", services.Text("api", "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Theory]
    [InlineData("OPENCHAT_GATEWAY_KEY")]
    [InlineData("OPENCHAT_ADMIN_KEY")]
    [InlineData("OPENCHAT_UPSTREAM_API_KEY")]
    [InlineData("OPENCHAT_TOOLS_SERVICE_KEY")]
    [InlineData("OPENCHAT_REDIS_PASSWORD")]
    public async Task Docker_compose_refuses_to_start_without_each_secret_naming_it(string variable)
    {
        var environment = ComposeConfig.Secrets();
        environment[variable] = "";

        var (exitCode, _, error) = await ComposeConfig.RunAsync(environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(variable, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_and_tools_get_the_same_service_key()
    {
        var services = (await ComposeConfig.RenderAsync()).At("services")!;

        Assert.Equal("compose-tools-service-key-0123456789", services.Text("tools", "environment", "OpenChat__Tools__ServiceKey"));
        Assert.Equal("compose-tools-service-key-0123456789", services.Text("api", "environment", "OpenChat__Tools__ServiceKey"));
    }

    [Fact]
    public async Task Redis_requires_the_password_never_evicts_and_keeps_maxmemory_well_below_its_memory_limit()
    {
        var services = (await ComposeConfig.RenderAsync()).At("services")!;
        var password = ComposeConfig.Secrets()["OPENCHAT_REDIS_PASSWORD"];
        var command = services.Items("redis", "command").Select(argument => argument.Text()!).ToList();

        Assert.Equal("redis-server", command[0]);
        Assert.Equal(password, CommandArguments.ValueOf(command, "--requirepass"));
        Assert.Equal(password, services.Text("redis", "environment", "REDISCLI_AUTH"));
        Assert.Contains($",password={password}", services.Text("api", "environment", "ConnectionStrings__redis"), StringComparison.Ordinal);
        Assert.Equal("noeviction", CommandArguments.ValueOf(command, "--maxmemory-policy"));
        Assert.Equal("yes", CommandArguments.ValueOf(command, "--appendonly"));
        var maxMemory = MemorySize.FromRedis(CommandArguments.ValueOf(command, "--maxmemory"));
        Assert.InRange(maxMemory, 1, MemorySize.FromDocker(services.Text("redis", "mem_limit")!) * 3 / 4);
    }

    [Fact]
    public async Task Every_service_runs_read_only_without_capabilities_as_a_numeric_non_root_user()
    {
        var services = (YamlMappingNode)(await ComposeConfig.RenderAsync()).At("services")!;

        foreach (var (key, service) in services.Children)
        {
            var name = key.Text();
            Assert.True(service.Text("read_only") == "true", $"{name} has a writable file system.");
            Assert.Equal(["ALL"], service.Items("cap_drop").Select(capability => capability.Text()));
            Assert.Empty(service.Items("cap_add"));
            Assert.Contains(service.Items("security_opt").Select(option => option.Text()), option => option is "no-new-privileges" or "no-new-privileges:true");
            var user = service.Text("user") ?? "";
            Assert.True(int.TryParse(user.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0, $"{name} runs as '{user}'.");
        }
    }

    [Fact]
    public async Task Only_the_api_shares_a_network_with_redis_and_tools_has_no_way_out()
    {
        var root = await ComposeConfig.RenderAsync();
        var services = (YamlMappingNode)root.At("services")!;
        var networks = services.Children.ToDictionary(service => service.Key.Text()!, service => service.Value.NetworksOf());

        string[] PeersOf(string name) => [.. networks.Where(other => other.Key != name && other.Value.Intersect(networks[name]).Any()).Select(other => other.Key).Order()];

        Assert.Equal(["api"], PeersOf("redis"));
        Assert.Equal(["api", "dashboard"], PeersOf("tools"));
        Assert.All(networks["redis"].Concat(networks["tools"]), network => Assert.Equal("true", root.Text("networks", network, "internal")));
    }

    [Fact]
    public async Task The_api_finishes_its_streams_within_its_stop_grace()
    {
        var api = (await ComposeConfig.RenderAsync()).At("services", "api")!;

        var grace = api.Text("stop_grace_period")!;
        Assert.EndsWith("s", grace, StringComparison.Ordinal);
        var shutdown = (int)TimeSpan.Parse(api.Text("environment", "OpenChat__ShutdownTimeout")!, CultureInfo.InvariantCulture).TotalSeconds;
        Assert.InRange(shutdown, 1, int.Parse(grace[..^1], CultureInfo.InvariantCulture) - 1);
    }
}
