using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

public sealed class ExternalToolNamesTests
{
    [Theory]
    [InlineData("weather", "forecast", "weather__forecast")]
    [InlineData("fs", "files.read", "fs__files_read")]
    [InlineData("fs", "get weather/now", "fs__get_weather_now")]
    [InlineData("fs", "météo", "fs__m_t_o")]
    [InlineData("my-team", "Find_Issues-2", "my-team__Find_Issues-2")]
    public void Prefixes_the_name_and_replaces_characters_models_cannot_call(string prefix, string tool, string offered)
    {
        Assert.Equal(offered, ExternalToolNames.NameFor(prefix, tool));
    }

    [Fact]
    public void Shortens_a_name_over_64_characters_and_ends_it_with_a_hash_of_the_original()
    {
        var tool = "summarise_" + new string('q', 60);

        var offered = ExternalToolNames.NameFor("docs", tool);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tool)))[..8];
        Assert.Equal(64, offered.Length);
        Assert.Equal($"docs__summarise_{new string('q', 39)}_{hash}", offered);
        Assert.NotEqual(offered, ExternalToolNames.NameFor("docs", tool + "x"));
    }

    [Fact]
    public void Keeps_the_first_by_original_name_when_two_tools_come_out_the_same()
    {
        var (offered, clashing) = ExternalToolNames.Map("fs", [Tool("files_read"), Tool("files.read"), Tool("list")]);

        Assert.Equal([("fs__files_read", "files.read"), ("fs__list", "list")], offered.Select(entry => (entry.Name, entry.Tool.Name)));
        Assert.Equal(["files_read"], clashing);
    }

    private static Tool Tool(string name) => new() { Name = name, InputSchema = System.Text.Json.JsonElement.Parse("""{"type":"object"}""") };
}
