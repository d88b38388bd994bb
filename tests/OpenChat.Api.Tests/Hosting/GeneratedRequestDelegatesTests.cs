using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Hosting;

/// <summary>
/// The Api's endpoints are bound by code generated at build time (the request delegate generator), not by expression
/// trees compiled when the first request is routed: the Api started as a container starts it serves its routes
/// without loading the expression compiler or MVC's core assembly, which cost it memory at rest.
/// </summary>
public sealed class GeneratedRequestDelegatesTests
{
    [Fact]
    public async Task Serving_the_routes_loads_no_expression_compiler()
    {
        var port = FreePort.Next();
        await using var api = await StandaloneApi.StartAsync($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandaloneApi.Key);

        var cancellation = TestContext.Current.CancellationToken;

        using var models = await client.GetAsync("/v1/models", cancellation);
        using var chat = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "m", messages = new[] { new { role = "user", content = "hi" } } }, cancellation);

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, chat.StatusCode);
        var mapped = api.ReadMappedFileNames();
        Assert.Contains("OpenChat.Api.dll", mapped);
        Assert.DoesNotContain("System.Linq.Expressions.dll", mapped);
        Assert.DoesNotContain("Microsoft.AspNetCore.Mvc.Core.dll", mapped);
    }
}
