using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

public sealed class ServerToolModeTests
{
    [Theory]
    [InlineData("All", true)]
    [InlineData("None", false)]
    public async Task Offers_the_server_tools_only_in_mode_all(string mode, bool offered)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.StartWithTools(api: new Dictionary<string, string?> { ["OpenChat:Tools:Mode"] = mode });
        using var client = host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{\"id\":\"{id}\"}}"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);

        var sent = JsonDocument.Parse(host.Journal.Entries.Single(entry => entry.ScriptId == id).Body).RootElement;
        Assert.Equal(offered, sent.TryGetProperty("tools", out var tools)
            && tools.EnumerateArray().Any(tool => tool.GetProperty("function").GetProperty("name").GetString() == "calculate"));
    }
}
