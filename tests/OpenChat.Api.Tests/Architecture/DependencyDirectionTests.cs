using OpenChat.Api.Relay;

namespace OpenChat.Api.Tests.Architecture;

/// <summary>
/// Relay composes the features; each feature knows only Telemetry, Completions and the foundations below
/// them; nothing points up and no folders form a cycle.
/// </summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void Every_dependency_between_the_apis_folders_points_down()
    {
        var edges = AssemblyDependencies.FolderEdges(typeof(ChatCompletionHandler).Assembly.Location);

        Assert.Empty(ApiLayers.Violations(edges));
        // The reading sees the arrows that must exist, so an empty list is not an empty reading.
        Assert.Contains(("Relay", "Upstream"), edges);
        Assert.Contains(("Transcripts", "Completions"), edges);
        Assert.Contains(("Sse", "Buffers"), edges);
    }

    [Fact]
    public void Every_folder_of_the_api_has_its_place_in_the_layers()
    {
        var folders = AssemblyDependencies.FolderEdges(typeof(ChatCompletionHandler).Assembly.Location)
            .SelectMany(edge => new[] { edge.From, edge.To })
            .Distinct();

        Assert.All(folders, folder => Assert.Contains(folder, ApiLayers.Folders));
    }

    [Theory]
    [InlineData("Completions", "Relay")]
    [InlineData("Tools", "Telemetry", "Tools")]
    [InlineData("Transcripts", "Upstream")]
    [InlineData("Sse", "Buffers", "Sse")]
    public void A_dependency_up_across_or_in_a_cycle_is_reported(params string[] path)
    {
        var edges = path.Zip(path.Skip(1));

        Assert.NotEmpty(ApiLayers.Violations(edges));
    }
}
