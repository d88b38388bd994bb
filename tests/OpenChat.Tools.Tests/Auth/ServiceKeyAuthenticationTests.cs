using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Tests.Http;

namespace OpenChat.Tools.Tests.Auth;

/// <summary>Only the Api, with the service key, may list and run tools, over HTTP or MCP; health stays open to probes.</summary>
public sealed class ServiceKeyAuthenticationTests(ToolsServiceFactory factory) : IClassFixture<ToolsServiceFactory>
{
    private const int Timeout = 30_000;

    private const string McpInitialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1.0"}}}""";

    public static TheoryData<string, string> ToolSurfaces => new()
    {
        { "GET", "/tools" },
        { "POST", "/tools/calculate/invoke" },
        { "POST", "/mcp" },
    };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ToolSurfaces))]
    public async Task Answers_401_with_an_openai_error_to_a_caller_without_a_key(string method, string path)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.SendAsync(Request(method, path), TestContext.Current.CancellationToken);

        await AssertRefusedAsync(response);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ToolSurfaces))]
    public async Task Answers_401_with_an_openai_error_to_a_caller_with_a_wrong_key(string method, string path)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ToolsServiceKey.Value + "-not");

        using var response = await client.SendAsync(Request(method, path), TestContext.Current.CancellationToken);

        await AssertRefusedAsync(response);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ToolSurfaces))]
    public async Task Answers_401_to_the_key_sent_in_another_scheme(string method, string path)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", ToolsServiceKey.Value);

        using var response = await client.SendAsync(Request(method, path), TestContext.Current.CancellationToken);

        await AssertRefusedAsync(response);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ToolSurfaces))]
    public async Task Answers_200_to_the_api_with_the_key(string method, string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Request(method, path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Leaves_the_health_endpoints_open(string path)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fifteen-chars!!")]
    public async Task Refuses_to_start_without_a_service_key_of_16_characters_naming_the_key(string? key)
    {
        await using var host = new WebApplicationFactory<ToolCatalog>().WithWebHostBuilder(builder =>
            builder.UseSetting("OpenChat:Tools:ServiceKey", key));

        var failure = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("OpenChat:Tools:ServiceKey", failure.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            var isMcp = path == "/mcp";
            request.Content = new StringContent(isMcp ? McpInitialize : """{"expression":"6*7"}""", Encoding.UTF8, "application/json");
            if (isMcp)
            {
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Accept.ParseAdd("text/event-stream");
            }
        }

        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }
}
