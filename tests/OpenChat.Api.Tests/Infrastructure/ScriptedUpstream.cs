using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// The Api's upstream connection pool replaced by a handler the test drives: each request waits as an
/// <see cref="UpstreamExchange"/> until the test answers it, streams to it, or lets it hang. With a
/// <c>FakeTimeProvider</c> in the Api, timeouts then fire when the test advances the clock, not on the wall clock.
/// </summary>
internal sealed class ScriptedUpstream : HttpMessageHandler
{
    private readonly Channel<UpstreamExchange> _exchanges = Channel.CreateUnbounded<UpstreamExchange>();

    /// <summary>Installs this handler as the primary handler of the Api's client for one upstream (the shorthand's by default).</summary>
    public void Install(IServiceCollection services, string upstream = UpstreamOptions.ShorthandName) =>
        services.AddHttpClient(UpstreamClient.HttpClientNameOf(upstream)).ConfigurePrimaryHttpMessageHandler(() => this);

    /// <summary>The next request the Api sent upstream; by then the Api has armed its wait for headers.</summary>
    public ValueTask<UpstreamExchange> NextAsync(CancellationToken cancellationToken) => _exchanges.Reader.ReadAsync(cancellationToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = new UpstreamExchange(request, cancellationToken);
        _exchanges.Writer.TryWrite(exchange);
        return exchange.Response;
    }
}

/// <summary>One request the Api sent upstream, waiting for the test's answer.</summary>
internal sealed class UpstreamExchange(HttpRequestMessage request, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancelled = cancellationToken.Register(() => { });

    public HttpRequestMessage Request => request;

    public Task<HttpResponseMessage> Response => _response.Task.WaitAsync(cancellationToken);

    /// <summary>Answers with response headers now and a body the test writes event by event.</summary>
    public StreamedUpstreamBody RespondWithStream()
    {
        var body = new StreamedUpstreamBody();
        RespondWith(body);
        return body;
    }

    /// <summary>Answers with a whole body already there: every read of it completes at once, the last with its end.</summary>
    public void RespondWithAll(IEnumerable<string> events)
    {
        var body = new StreamedUpstreamBody();
        foreach (var data in events)
        {
            body.WriteEvent(data);
        }

        body.End();
        RespondWith(body);
    }

    public void Respond(HttpStatusCode status, string json)
    {
        _response.TrySetResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        _cancelled.Dispose();
    }

    private void RespondWith(StreamedUpstreamBody body)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        response.Content.Headers.ContentType = new("text/event-stream");
        _response.TrySetResult(response);
        _cancelled.Dispose();
    }
}
