using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Upstream;
using static OpenChat.Api.Tests.Routing.FallbackFixture;

namespace OpenChat.Api.Tests.Routing;

/// <summary>
/// A round's upstream body is let go once the upstream whose response is kept has read it whole, so a stream does not
/// hold it while it runs; until then it stays, for the next upstream to be offered the same bytes.
/// </summary>
public sealed class BodyDeliveryTests(FallbackFixture fixture) : IClassFixture<FallbackFixture>
{
    [Fact]
    public async Task The_body_is_delivered_once_the_upstream_that_answers_has_read_it()
    {
        var bodies = new RecordingBodies(Scripts.Chat(Scripts.NewId(), "\"reply\":\"hello\""));

        using (await SendAsync(bodies))
        {
            Assert.Equal(["body", "delivered"], bodies.Calls);
        }
    }

    [Fact]
    public async Task A_body_that_fails_over_is_offered_to_the_next_upstream_before_it_is_delivered()
    {
        var id = Scripts.NewId();
        var bodies = new RecordingBodies(Scripts.Chat(id, $"\"status\":503,\"fail_on\":[\"{Primary}\"],\"reply\":\"hello\""));

        using (await SendAsync(bodies))
        {
            Assert.Equal(["body", "body", "delivered"], bodies.Calls);
            Assert.Equal(1, fixture.Host.JournalOf(Primary).Received(id));
            Assert.Equal(1, fixture.Host.JournalOf(Fallback).Received(id));
        }
    }

    [Fact]
    public async Task A_body_is_let_go_only_once_the_handler_has_written_it_whole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bytes = Encoding.UTF8.GetBytes("""{"model":"m","messages":[]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new UpstreamBodyContent(bytes) };
        // As an HTTP/2 server may answer before the body is all sent.
        using var answeredFirst = new HttpResponseMessage { RequestMessage = request };
        Assert.False(UpstreamBodyContent.TryLetGo(answeredFirst));

        using var sent = new MemoryStream();
        await request.Content.CopyToAsync(sent, cancellationToken);
        Assert.Equal(bytes, sent.ToArray());
        Assert.Equal(bytes.Length, request.Content.Headers.ContentLength);

        Assert.True(UpstreamBodyContent.TryLetGo(answeredFirst));
        using var afterwards = new MemoryStream();
        await request.Content.CopyToAsync(afterwards, cancellationToken);
        Assert.Equal(0, afterwards.Length);
    }

    private async Task<UpstreamExchange> SendAsync(RecordingBodies bodies)
    {
        var services = fixture.Host.Api.Services;
        var route = services.GetRequiredService<ModelResolver>().Resolve("gpt-4o-mini");
        var call = new ChatCall(route, Stream: true, Round: 1, InputMessages: default, Attempts: []);
        return await services.GetRequiredService<UpstreamDispatcher>().SendChatAsync(call, bodies, TestContext.Current.CancellationToken);
    }

    private sealed class RecordingBodies(string json) : IChatBodySource
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(json);

        public List<string> Calls { get; } = [];

        public ReadOnlyMemory<byte> BodyFor(ChatBodyTarget target)
        {
            Calls.Add("body");
            return _body;
        }

        public void Delivered() => Calls.Add("delivered");
    }
}
