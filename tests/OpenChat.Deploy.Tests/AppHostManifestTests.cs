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
}
