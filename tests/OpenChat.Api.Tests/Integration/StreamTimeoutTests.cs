using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Tests.Infrastructure;
using static OpenChat.Api.Tests.Infrastructure.ScriptedChunks;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// The relay bounds the wait for headers and each silence, never the length of a stream. The upstream is a
/// handler the test drives and the Api's clock a <see cref="FakeTimeProvider"/>, so every timeout fires exactly
/// when the test moves the clock past it, and never otherwise.
/// </summary>
public sealed class StreamTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan s_headersTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedUpstream _upstream = new();
    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(
            api: new Dictionary<string, string?>
            {
                ["OpenChat:Upstream:HeadersTimeout"] = s_headersTimeout.ToString(),
                ["OpenChat:Upstream:ResponseTimeout"] = s_headersTimeout.ToString(),
                ["OpenChat:Upstream:IdleTimeout"] = s_idleTimeout.ToString(),
                ["OpenChat:Upstream:AlwaysRequestUsage"] = "false",
            },
            configureApi: services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                _upstream.Install(services);
            });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _upstream.Dispose();
    }

    [Fact]
    public async Task A_long_steady_stream_outlives_every_timeout_but_the_idle_one()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var body = (await _upstream.NextAsync(cancellationToken)).RespondWithStream();
        body.WriteEvent(Chunk("""{"role":"assistant","content":""}""", finish: null));
        for (var i = 0; i < 30; i++)
        {
            // Each silence just short of the idle timeout: three times the wait for headers in all, and more.
            await body.AllReadAsync(cancellationToken);
            _time.Advance(s_idleTimeout - TimeSpan.FromSeconds(1));
            body.WriteEvent(Chunk($$"""{"content":"w{{i}} "}""", finish: null));
        }

        body.WriteEvent(Chunk("{}", finish: "stop"));
        body.WriteEvent("[DONE]");
        body.End();
        using var response = await responding;
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Concat(Enumerable.Range(0, 30).Select(i => $"w{i} ")), SseClient.Content(events));
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task A_silence_longer_than_the_idle_timeout_ends_the_stream_with_an_error_event()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var body = (await _upstream.NextAsync(cancellationToken)).RespondWithStream();
        body.WriteEvent(Chunk("""{"role":"assistant","content":"first"}""", finish: null));
        await body.AllReadAsync(cancellationToken);
        _time.Advance(s_idleTimeout);
        using var response = await responding;
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("first", SseClient.Content(events));
        Assert.Equal("upstream_idle_timeout", JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Answers_504_when_no_headers_come_in_time(bool stream)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi", stream), cancellationToken);
        var exchange = await _upstream.NextAsync(cancellationToken);
        _time.Advance(s_headersTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(exchange.Response.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await responding;

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout", cancellationToken);
    }
}
