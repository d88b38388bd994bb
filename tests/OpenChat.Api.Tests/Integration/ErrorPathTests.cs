using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

/// <summary>Whatever goes wrong, and wherever, the answer is OpenAI's error shape with the right status.</summary>
public sealed class ErrorPathTests : IAsyncLifetime
{
    private readonly FailingUpstream _upstream = new();
    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(configureApi: services =>
            services.AddHttpClient(Upstream.UpstreamClient.HttpClientNameOf(Upstream.UpstreamOptions.ShorthandName)).ConfigurePrimaryHttpMessageHandler(() => _upstream));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("GET", "/v1/nothing-here", HttpStatusCode.NotFound, "unknown_url")]
    [InlineData("GET", "/", HttpStatusCode.NotFound, "unknown_url")]
    [InlineData("DELETE", "/v1/chat/completions", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    [InlineData("GET", "/v1/chat/completions", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    public async Task A_path_or_method_the_gateway_does_not_serve_is_an_openai_error(string method, string path, HttpStatusCode status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, status, code, cancellationToken);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failure_inside_the_gateway_is_a_500_that_names_no_internals(bool stream)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi", stream), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.InternalServerError, "internal_error", cancellationToken);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain(FailingUpstream.Secret, error.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>An upstream connection that fails in a way the relay does not expect.</summary>
    private sealed class FailingUpstream : HttpMessageHandler
    {
        public const string Secret = "internal detail 1f3a";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }
}
