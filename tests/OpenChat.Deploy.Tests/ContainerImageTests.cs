using System.Globalization;
using System.Text.Json;

namespace OpenChat.Deploy.Tests;

/// <summary>
/// The image configuration the .NET SDK computes for each service. Its <c>ComputeContainerConfig</c> target
/// works out the base image, user and ports without a registry; building the image itself would pull the base
/// image, which this machine cannot.
/// </summary>
public sealed class ContainerImageTests
{
    /// <summary>The uid of the "app" user of the .NET images, which deploy/k8s sets as runAsUser.</summary>
    private const string DotnetAppUser = "1654";

    [Theory]
    [InlineData("OpenChat.Api", "openchat-api")]
    [InlineData("OpenChat.Tools", "openchat-tools")]
    [InlineData("OpenChat.ModelSimulator", "openchat-simulator")]
    public async Task The_image_runs_as_the_numeric_non_root_app_user_of_the_dotnet_base_image(string project, string repository)
    {
        var (exitCode, output, error) = await CommandLine.RunAsync("dotnet",
            ["msbuild", Repository.PathOf(project), "-nologo", "-t:ComputeContainerConfig",
             "-getProperty:ContainerUser", "-getProperty:ContainerBaseImage", "-getProperty:ContainerRepository", "-getItem:ContainerPort"]);

        Assert.True(exitCode == 0, output + error);
        var result = JsonElement.Parse(output);
        var properties = result.GetProperty("Properties");
        var user = properties.GetProperty("ContainerUser").GetString();
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0, $"{project} runs as '{user}', not a numeric non-root user.");
        Assert.Equal(DotnetAppUser, user);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", properties.GetProperty("ContainerBaseImage").GetString(), StringComparison.Ordinal);
        Assert.Equal(repository, properties.GetProperty("ContainerRepository").GetString());
        Assert.Equal(["8080"], result.GetProperty("Items").GetProperty("ContainerPort").EnumerateArray().Select(port => port.GetProperty("Identity").GetString()));
    }
}
