using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenChat.Api.Relay;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Tools;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Integration;

/// <summary>The Api presents the Tools service's key on every call, and will not offer server tools without one.</summary>
public sealed class ToolsServiceKeyTests
{
    [Fact]
    public async Task A_tools_service_with_another_key_refuses_the_api_so_no_server_tools_are_offered()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.StartWithTools(api: new Dictionary<string, string?>
        {
            ["OpenChat:Tools:ServiceKey"] = "another-tools-service-key-0123456789",
            ["OpenChat:Tools:InitialCatalogWait"] = "00:00:02",
        });
        using var client = host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"#sim {{\"id\":\"{id}\"}}"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);

        var sent = JsonDocument.Parse(host.Journal.Entries.Single(entry => entry.ScriptId == id).Body).RootElement;
        Assert.False(sent.TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task The_api_refuses_server_tools_without_a_service_key_naming_the_key()
    {
        var outcome = await FailedStartup.RunAsync(typeof(ChatCompletionHandler).Assembly.Location, new Dictionary<string, string?>
        {
            ["OpenChat:ApiKeys:0"] = ApiTestHost.GatewayKey,
            ["OpenChat:Upstream:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["OpenChat:Transcripts:Enabled"] = "false",
            ["OpenChat:Tools:Mode"] = "All",
            ["OpenChat:Tools:ServiceKey"] = null,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(1, outcome.ExitCode);
        Assert.False(outcome.Listened);
        Assert.StartsWith("OpenChat.Api cannot start: ", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Tools:ServiceKey", outcome.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fifteen-chars!!")]
    public void Server_tools_without_a_service_key_of_16_characters_fail_validation_naming_the_key(string? key)
    {
        var result = new ServerToolOptionsValidator().Validate(null, new ServerToolOptions { Mode = ServerToolMode.All, ServiceKey = key });

        Assert.True(result.Failed);
        Assert.Contains("OpenChat:Tools:ServiceKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_server_tools_no_service_key_is_needed()
    {
        var result = new ServerToolOptionsValidator().Validate(null, new ServerToolOptions { Mode = ServerToolMode.None });

        Assert.Equal(ValidateOptionsResult.Success, result);
    }
}
