namespace OpenChat.Deploy.Tests;

/// <summary>The AppHost's publish-mode manifest, written to a temporary folder that is removed again.</summary>
internal static class AppHostManifest
{
    /// <summary>The manifest's text, published with <paramref name="configuration"/> as extra command-line settings.</summary>
    public static async Task<string> PublishAsync(params string[] configuration)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"openchat-manifest-{Guid.NewGuid():N}");
        var output = Path.Combine(folder, "aspire-manifest.json");
        try
        {
            var (exitCode, stdout, error) = await CommandLine.RunAsync("dotnet",
                ["run", "--project", Repository.PathOf("OpenChat.AppHost"), "--no-build", "--no-launch-profile", "--", "--publisher", "manifest", "--output-path", output, .. configuration]);
            Assert.True(exitCode == 0, stdout + error);
            return await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
