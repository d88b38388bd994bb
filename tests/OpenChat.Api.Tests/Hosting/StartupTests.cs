using System.Net;
using OpenChat.Api.Relay;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task A_configuration_error_prints_one_line_naming_each_key_and_exits_non_zero()
    {
        var outcome = await FailedStartup.RunAsync(typeof(ChatCompletionHandler).Assembly.Location, new Dictionary<string, string?>
        {
            ["OpenChat:Upstream:BaseUrl"] = "not a url",
            ["ConnectionStrings:redis"] = "",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("OpenChat.Api cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("OpenChat:ApiKeys", line, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Upstream:BaseUrl", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:redis", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line + outcome.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_that_never_answers_holds_up_neither_start_up_nor_completions()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var blackHole = new SilentTcpServer();
        // Were the connection opened on the start-up path, start-up would wait the ten minutes of this timeout.
        await using var host = ApiTestHost.Start(api: new Dictionary<string, string?>
        {
            ["OpenChat:Transcripts:Enabled"] = "true",
            ["ConnectionStrings:redis"] = $"127.0.0.1:{blackHole.Port},connectTimeout=600000,abortConnect=false",
            // The transcript can never be written; shutdown gives up on it after this.
            ["shutdownTimeoutSeconds"] = "1",
        });
        using var client = host.CreateClient();

        using var health = await client.GetAsync("/health", cancellationToken);
        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Single(response.Headers.GetValues("X-Transcript-Id"));
    }
}
