using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

public sealed class McpFederationOptionsValidatorTests
{
    private const string Key = "OpenChat:Tools:McpServers:weather";

    [Fact]
    public void Accepts_a_server_with_a_url_and_the_defaults()
    {
        Assert.True(Validate(("weather", Server())).Succeeded);
    }

    [Theory]
    [InlineData(null, $"{Key}:Url must be an absolute http or https URL")]
    [InlineData("ftp://weather/mcp", $"{Key}:Url must be an absolute http or https URL")]
    [InlineData("/mcp", $"{Key}:Url must be an absolute http or https URL")]
    public void Names_the_key_of_a_missing_or_unusable_url(string? url, string problem)
    {
        var server = Server();
        server.Url = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute);

        Assert.Contains(problem, Validate(("weather", server)).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we__ather")]
    [InlineData("_weather")]
    [InlineData("weather_")]
    [InlineData("wea.ther")]
    [InlineData("a-prefix-longer-than-twenty-four")]
    public void Refuses_a_prefix_that_cannot_start_tool_names_of_one_server_only(string prefix)
    {
        var server = Server();
        server.Prefix = prefix;

        Assert.Contains($"{Key}:Prefix: '{prefix}' cannot prefix tool names", Validate(("weather", server)).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_servers_whose_prefixes_differ_only_in_case()
    {
        var other = Server();
        other.Prefix = "Weather";

        var result = Validate(("weather", Server()), ("meteo", other));

        Assert.Contains("OpenChat:Tools:McpServers:meteo:Prefix and OpenChat:Tools:McpServers:weather both give the prefix 'weather'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_every_other_problem_with_its_key()
    {
        var server = Server();
        server.Timeout = TimeSpan.Zero;
        server.RefreshInterval = TimeSpan.Zero;
        server.MaxReconnectDelay = TimeSpan.FromMilliseconds(1);
        server.MaxResultBytes = 10;
        server.ProtocolVersion = "latest";
        server.Headers["Authorization"] = "Bearer a\nb";
        server.AllowedTools = ["forecast", " "];

        var message = Validate(("weather", server)).FailureMessage;

        Assert.Contains($"{Key}:Timeout must be positive.", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:RefreshInterval must be positive.", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:MaxReconnectDelay at least as long", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:MaxResultBytes must be between", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:ProtocolVersion must be", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:Headers:Authorization must be", message, StringComparison.Ordinal);
        Assert.Contains($"{Key}:AllowedTools must list", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", message, StringComparison.Ordinal);
    }

    private static ExternalMcpServerOptions Server() => new() { Url = new Uri("http://weather:8080/mcp") };

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(params (string Name, ExternalMcpServerOptions Server)[] servers)
    {
        var options = new McpFederationOptions();
        foreach (var (name, server) in servers)
        {
            options.McpServers[name] = server;
        }

        return new McpFederationOptionsValidator().Validate(null, options);
    }
}
