using System.Text;
using System.Text.Json.Nodes;
using OpenChat.Api.Relay;
using OpenChat.Api.Upstream;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Relay;

public sealed class RoundBodiesTests
{
    [Fact]
    public void A_delivered_body_is_written_anew_for_the_next_round_with_that_rounds_messages()
    {
        using var request = ParsedRequests.Parse("""{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        using var bodies = new RoundBodies(request, ParsedRequests.Calculate);
        var target = new ChatBodyTarget("m", AlwaysRequestUsage: false);
        bodies.StartRound(forbidToolCalls: false);
        var first = Encoding.UTF8.GetString(bodies.BodyFor(target).Span);

        bodies.Delivered();
        bodies.Appended.Add("""{"role":"tool","tool_call_id":"c","content":"4"}"""u8.ToArray());
        bodies.StartRound(forbidToolCalls: false);
        var second = JsonNode.Parse(Encoding.UTF8.GetString(bodies.BodyFor(target).Span))!;

        Assert.Equal(["user"], JsonNode.Parse(first)!["messages"]!.AsArray().Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal(["user", "tool"], second["messages"]!.AsArray().Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal("calculate", second["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_body_not_yet_delivered_is_offered_again_unchanged_to_an_upstream_that_takes_the_same_body()
    {
        using var request = ParsedRequests.Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""");
        using var bodies = new RoundBodies(request, ParsedRequests.Calculate);
        var target = new ChatBodyTarget("m", AlwaysRequestUsage: false);
        bodies.StartRound(forbidToolCalls: false);

        var first = bodies.BodyFor(target);
        var again = bodies.BodyFor(target);

        Assert.True(first.Span == again.Span, "the fallback got another write of the body");
    }
}
