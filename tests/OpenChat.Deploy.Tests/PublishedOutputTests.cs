using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;

namespace OpenChat.Deploy.Tests;

/// <summary>
/// The Api and Tools as containers run them: published with <c>dotnet publish</c>, started from that output
/// with the environment deploy/compose gives them, in front of a real Redis-protocol server (Garnet) and the model simulator.
/// </summary>
public sealed class PublishedOutputTests
{
    private const string GatewayKey = "published-gateway-key-0123456789";
    private const string ToolsServiceKey = "published-tools-service-key-0123456789";

    [Fact]
    public async Task The_published_api_and_tools_serve_a_completion_with_a_tool_call()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = Path.Combine(Path.GetTempPath(), $"openchat-publish-{Guid.NewGuid():N}");
        try
        {
            await PublishAsync("OpenChat.Tools", Path.Combine(output, "tools"));
            await PublishAsync("OpenChat.Api", Path.Combine(output, "api"));

            await using var redis = new GarnetTestServer();
            await redis.StartAsync();
            await using var simulator = new KestrelAppFactory<SimulatorJournal>(new Dictionary<string, string?>
            {
                ["Simulator:TimeToFirstToken"] = "00:00:00",
                ["Simulator:InterTokenDelay"] = "00:00:00",
            });
            var simulatorAddress = simulator.Start();

            var toolsPort = FreePort.Next();
            await using var tools = await ServiceProcess.StartAsync(Path.Combine(output, "tools", "OpenChat.Tools.dll"), new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{toolsPort}",
                ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey,
                ["OTEL_SERVICE_NAME"] = "tools",
            });
            var apiPort = FreePort.Next();
            await using var api = await ServiceProcess.StartAsync(Path.Combine(output, "api", "OpenChat.Api.dll"), new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
                ["OpenChat__ApiKeys__0"] = GatewayKey,
                ["OpenChat__Upstream__BaseUrl"] = new Uri(simulatorAddress, "/v1").ToString(),
                ["OpenChat__Upstream__ApiKey"] = "sk-not-needed-by-the-simulator",
                ["ConnectionStrings__redis"] = redis.ConnectionString,
                ["services__tools__http__0"] = $"http://127.0.0.1:{toolsPort}",
                ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey,
                ["OTEL_SERVICE_NAME"] = "api",
            });

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayKey);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", cancellationToken)).StatusCode);
            using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
                """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"#sim {\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}}]}"}]}""",
                Encoding.UTF8, "application/json"), cancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\\\"result\\\":\\\"42\\\"", await response.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static async Task PublishAsync(string project, string output)
    {
        var (exitCode, stdout, error) = await CommandLine.RunAsync("dotnet",
            ["publish", Repository.PathOf(project), "-c", "Release", "-o", output, "--nologo", "-v", "q"],
            timeout: TimeSpan.FromMinutes(10));
        Assert.True(exitCode == 0, string.Create(CultureInfo.InvariantCulture, $"dotnet publish {project} failed: {stdout}{error}"));
    }
}
