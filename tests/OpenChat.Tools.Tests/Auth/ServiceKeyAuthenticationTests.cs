using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Tests.Http;

namespace OpenChat.Tools.Tests.Auth;

/// <summary>Only the Api, with the service key, may list and run tools, over HTTP or MCP; health stays open to probes.</summary>
public sealed class ServiceKeyAuthenticationTests(ToolsServiceFactory factory) : IClassFixture<ToolsServiceFactory>
{
    private const int Timeout = 30_000;
    private const int ProcessTimeout = 60_000;

    private const string McpInitialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1.0"}}}""";

    private static readonly (string Method, string Path)[] s_toolSurfaces = [("GET", "/tools"), ("POST", "/tools/calculate/invoke"), ("POST", "/mcp")];

    public static TheoryData<string, string> ToolSurfaces() => new(s_toolSurfaces);

    /// <summary>Every surface, with every way of not presenting the key: none, a wrong one, the right one in another scheme.</summary>
    public static TheoryData<string, string, string?> SurfacesAndWrongCredentials()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (method, path) in s_toolSurfaces)
        {
            data.Add(method, path, null);
            data.Add(method, path, $"Bearer {ToolsServiceKey.Value}-not");
            data.Add(method, path, $"Basic {ToolsServiceKey.Value}");
        }

        return data;
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(SurfacesAndWrongCredentials))]
    public async Task Answers_401_with_an_openai_error_to_a_caller_without_the_key(string method, string path, string? authorization)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization is null ? null : AuthenticationHeaderValue.Parse(authorization);

        using var request = Request(method, path);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ToolSurfaces))]
    public async Task Answers_200_to_the_api_with_the_key(string method, string path)
    {
        using var client = factory.CreateClient();

        using var request = Request(method, path);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

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

    [Theory(Timeout = ProcessTimeout)]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fifteen-chars!!")]
    public async Task Refuses_to_start_without_a_service_key_of_16_characters_naming_the_key(string? key)
    {
        var outcome = await FailedStartup.RunAsync(typeof(ToolCatalog).Assembly.Location,
            new Dictionary<string, string?> { ["OpenChat:Tools:ServiceKey"] = key }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.False(outcome.Listened);
        Assert.Contains($"{typeof(OptionsValidationException).FullName}: ", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Tools:ServiceKey", outcome.StandardError, StringComparison.Ordinal);
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
}
