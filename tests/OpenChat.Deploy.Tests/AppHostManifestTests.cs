using System.Text.Json;

namespace OpenChat.Deploy.Tests;

public sealed class AppHostManifestTests
{
    [Fact]
    public async Task Publish_mode_produces_a_manifest_with_the_redis_container_the_projects_and_secret_parameters_for_both_services()
    {
        var output = Path.Combine(Path.GetTempPath(), $"openchat-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");
        try
        {
            var (exitCode, stdout, error) = await CommandLine.RunAsync("dotnet",
                ["run", "--project", Repository.PathOf("OpenChat.AppHost"), "--no-build", "--no-launch-profile", "--", "--publisher", "manifest", "--output-path", output]);

            Assert.True(exitCode == 0, stdout + error);
            var resources = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).RootElement.GetProperty("resources");
            Assert.StartsWith("container.", resources.GetProperty("redis").GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("project.", resources.GetProperty("api").GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("project.", resources.GetProperty("tools").GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.False(resources.TryGetProperty("simulator", out _));
            foreach (var secret in new[] { "gateway-key", "admin-key", "upstream-api-key", "tools-service-key" })
            {
                var parameter = resources.GetProperty(secret);
                Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
                Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
            }

            // Generated where it is deployed (at least 16 characters, the Tools service's floor), never a fixed value.
            var generated = resources.GetProperty("tools-service-key").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("generate");
            Assert.InRange(generated.GetProperty("minLength").GetInt32(), 16, 256);

            var apiEnvironment = resources.GetProperty("api").GetProperty("env");
            Assert.Equal("{gateway-key.value}", apiEnvironment.GetProperty("OpenChat__ApiKeys__0").GetString());
            Assert.Equal("{admin-key.value}", apiEnvironment.GetProperty("OpenChat__AdminKeys__0").GetString());
            Assert.Equal("{upstream-api-key.value}", apiEnvironment.GetProperty("OpenChat__Upstream__ApiKey").GetString());
            Assert.Equal("{tools-service-key.value}", apiEnvironment.GetProperty("OpenChat__Tools__ServiceKey").GetString());
            Assert.Equal("{tools-service-key.value}", resources.GetProperty("tools").GetProperty("env").GetProperty("OpenChat__Tools__ServiceKey").GetString());
            Assert.False(resources.GetProperty("tools").TryGetProperty("bindings", out var toolBindings)
                && toolBindings.EnumerateObject().Any(binding => binding.Value.TryGetProperty("external", out var external) && external.GetBoolean()));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }

    [Fact]
    public async Task Upstreams_configured_by_name_reach_the_api_as_configuration_with_their_keys_as_secret_parameters()
    {
        var output = Path.Combine(Path.GetTempPath(), $"openchat-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");
        const string AzureKey = "azure-key-that-must-not-be-in-the-manifest";
        try
        {
            var (exitCode, stdout, error) = await CommandLine.RunAsync("dotnet",
            [
                "run", "--project", Repository.PathOf("OpenChat.AppHost"), "--no-build", "--no-launch-profile", "--",
                "--publisher", "manifest", "--output-path", output,
                "--OpenChat:Upstreams:azure:BaseUrl=https://example.openai.azure.com/openai/v1",
                "--OpenChat:Upstreams:azure:ApiKeyHeader=api-key",
                "--OpenChat:Upstreams:azure:Models:0=gpt-4o=my-gpt4o",
                $"--OpenChat:Upstreams:azure:ApiKey={AzureKey}",
                "--OpenChat:Upstreams:ollama:BaseUrl=http://ollama:11434/v1",
                "--OpenChat:Upstreams:ollama:Models:0=*",
                "--OpenChat:Upstreams:ollama:Priority=1",
            ]);

            Assert.True(exitCode == 0, stdout + error);
            var manifest = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
            var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
            var environment = resources.GetProperty("api").GetProperty("env");
            Assert.Equal("https://example.openai.azure.com/openai/v1", environment.GetProperty("OpenChat__Upstreams__azure__BaseUrl").GetString());
            Assert.Equal("api-key", environment.GetProperty("OpenChat__Upstreams__azure__ApiKeyHeader").GetString());
            Assert.Equal("gpt-4o=my-gpt4o", environment.GetProperty("OpenChat__Upstreams__azure__Models__0").GetString());
            Assert.Equal("{upstream-azure-api-key.value}", environment.GetProperty("OpenChat__Upstreams__azure__ApiKey").GetString());
            Assert.Equal("1", environment.GetProperty("OpenChat__Upstreams__ollama__Priority").GetString());
            Assert.False(environment.TryGetProperty("OpenChat__Upstreams__ollama__ApiKey", out _));
            Assert.True(resources.GetProperty("upstream-azure-api-key").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
            // The named upstreams replace the shorthand: no default upstream, no key asked for it.
            Assert.False(environment.TryGetProperty("OpenChat__Upstream__BaseUrl", out _));
            Assert.False(resources.TryGetProperty("upstream-api-key", out _));
            Assert.DoesNotContain(AzureKey, manifest, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }
}
