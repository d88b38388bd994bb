using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

public sealed class ToolsServiceDownTests
{
    [Fact]
    public async Task A_tool_call_while_the_tools_service_is_down_gets_a_clear_error_result_without_hanging()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // A refused connection must be reported at once: with a ten-minute invoke timeout, waiting for it would hang.
        await using var host = ApiTestHost.StartWithTools(api: new Dictionary<string, string?> { ["OpenChat:Tools:InvokeTimeout"] = "00:10:00" });
        using var client = host.CreateClient();

        // The Api has read the catalog; now the service goes away.
        using (var warmUp = await SseClient.PostAsync(client, SseClient.ChatJson("hello"), cancellationToken))
        {
            await warmUp.Content.ReadAsStringAsync(cancellationToken);
        }

        await host.Tools!.DisposeAsync();
        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(
            "#sim {\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"1+1\"}}]}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken));

        Assert.Contains("The tool service is unavailable", SseClient.Content(events), StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }
}
