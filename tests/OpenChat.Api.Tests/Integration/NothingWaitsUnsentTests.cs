using OpenChat.Api.Tests.Infrastructure;
using static OpenChat.Api.Tests.Infrastructure.ScriptedChunks;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// Nothing the client has been written waits unsent while the gateway waits: not for the upstream's next event, and
/// not for a tool round's tools and next answer. The upstream is a body the test writes, so whether the relay has to
/// wait is the test's choice, not the network's; each test holds the upstream until the client has what it must have.
/// </summary>
public sealed class NothingWaitsUnsentTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> s_api = new() { ["OpenChat:Upstream:AlwaysRequestUsage"] = "false" };

    [Fact]
    public async Task An_event_the_upstream_has_not_followed_yet_reaches_the_client_before_the_relay_waits()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var upstream = new ScriptedUpstream();
        await using var host = ApiTestHost.Start(api: s_api, configureApi: services => upstream.Install(services));
        using var client = host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("hi"), cancellationToken);
        var body = (await upstream.NextAsync(cancellationToken)).RespondWithStream();
        body.WriteEvent(Chunk("""{"role":"assistant","content":"first"}"""));
        using var response = await responding.WaitAsync(s_timeout, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));

        // The upstream says nothing more until the client has the first event: held back, it never would.
        var received = await SseClient.ReadUntilAsync(reader, "\"first\"", cancellationToken).WaitAsync(s_timeout, cancellationToken);
        body.WriteEvent(Chunk("""{"content":" second"}"""));
        body.WriteEvent(Chunk("{}", "stop"));
        body.WriteEvent("[DONE]");
        body.End();
        var events = SseClient.Events(received + await reader.ReadToEndAsync(cancellationToken));

        Assert.Equal("first second", SseClient.Content(events));
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task What_a_tool_round_said_reaches_the_client_before_the_next_round_is_answered()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var upstream = new ScriptedUpstream();
        await using var host = ApiTestHost.StartWithTools(api: s_api, configureApi: services => upstream.Install(services));
        using var client = host.CreateClient();

        var responding = SseClient.PostAsync(client, SseClient.ChatJson("what is 6*7?"), cancellationToken);
        // The whole first round is there at once; its words must not wait for the tools and the next round.
        (await upstream.NextAsync(cancellationToken)).RespondWithAll(
        [
            Chunk("""{"role":"assistant","content":"Let me work it out."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"calculate","arguments":"{\"expression\":\"6*7\"}"}}]}"""),
            Chunk("{}", "tool_calls"),
            "[DONE]",
        ]);
        var secondRound = await upstream.NextAsync(cancellationToken);
        var secondRequest = await secondRound.Request.Content!.ReadAsStringAsync(cancellationToken);
        using var response = await responding.WaitAsync(s_timeout, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));

        // The next round is held unanswered: the first round's words must already be with the client.
        var received = await SseClient.ReadUntilAsync(reader, "Let me work it out.", cancellationToken).WaitAsync(s_timeout, cancellationToken);
        secondRound.RespondWithAll([Chunk("""{"role":"assistant","content":" It is 42."}"""), Chunk("{}", "stop"), "[DONE]"]);
        var events = SseClient.Events(received + await reader.ReadToEndAsync(cancellationToken));

        Assert.Equal("Let me work it out. It is 42.", SseClient.Content(events));
        Assert.Contains("\"tool_call_id\":\"call_1\"", secondRequest, StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }
}
