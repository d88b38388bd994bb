using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

/// <summary>The relay bounds the wait for headers and each silence, never the length of a stream.</summary>
public sealed class StreamTimeoutTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(api: new Dictionary<string, string?>
        {
            ["OpenChat:Upstream:HeadersTimeout"] = "00:00:00.500",
            ["OpenChat:Upstream:ResponseTimeout"] = "00:00:00.500",
            ["OpenChat:Upstream:ConnectTimeout"] = "00:00:00.500",
            ["OpenChat:Upstream:IdleTimeout"] = "00:00:01",
            ["OpenChat:Tools:InvokeTimeout"] = "00:00:00.500",
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_long_steady_stream_outlives_every_timeout_but_the_idle_one()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        // 30 chunks 100 ms apart: three seconds, six times the header, response and tool timeouts.
        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"tokens\":30,\"delay_ms\":100}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(30, events.Count(data => data.Contains("\"content\":\"", StringComparison.Ordinal) && !data.Contains("\"content\":\"\"", StringComparison.Ordinal)));
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task A_silence_longer_than_the_idle_timeout_ends_the_stream_with_an_error_event()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("#sim {\"tokens\":3,\"delay_ms\":3000}"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("upstream_idle_timeout", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }
}
