using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Routing;

public sealed class AffinityTests
{
    private const int Completions = 24;

    [Fact]
    public async Task The_tool_rounds_of_a_completion_stay_on_the_upstream_that_started_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.StartWithTools(upstreams: [new SimulatedUpstream("a"), new SimulatedUpstream("b")]);
        using var client = host.CreateClient();
        var ids = Enumerable.Range(0, Completions).Select(_ => Scripts.NewId()).ToList();

        foreach (var id in ids)
        {
            using var response = await SseClient.PostAsync(client, Scripts.Chat(id,
                "\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}}]"), cancellationToken);
            Assert.Equal("The result of calculate is", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken)))[..26]);
        }

        // Two rounds each, both on one upstream: without affinity each round picks a or b at random, and all 24
        // completions would stay together with probability 2^-24. The first rounds are spread over both (all 24 on
        // one upstream has probability 2^-23), so staying together is the router's doing, not a lopsided pick.
        Assert.All(ids, id => Assert.Contains(
            (host.JournalOf("a").Received(id), host.JournalOf("b").Received(id)), new[] { (2, 0), (0, 2) }));
        Assert.True(host.JournalOf("a").Entries.Count > 0 && host.JournalOf("b").Entries.Count > 0);
    }
}
