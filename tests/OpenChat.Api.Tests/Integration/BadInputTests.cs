using System.Net;
using System.Text;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

public sealed class BadInputTests : IAsyncLifetime
{
    private const int BodyLimit = 64 * 1024;

    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(api: new Dictionary<string, string?>
        {
            ["OpenChat:Relay:MaxRequestBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenChat:Relay:AllowUnlistedModels"] = "false",
            ["OpenChat:Relay:ModelAliases:fast"] = "gpt-4o-mini",
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Refuses_a_body_over_the_limit_with_413()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var huge = SseClient.ChatJson(new string('a', BodyLimit * 2), stream: false, model: "fast");

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(huge, Encoding.UTF8, "application/json"), cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", cancellationToken);
        Assert.True(response.Headers.ConnectionClose);
        await AssertStillServesAsync(client, cancellationToken);
    }

    [Fact]
    public async Task Refuses_a_chunked_body_over_the_limit_with_413()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SseClient.ChatJson(new string('a', BodyLimit * 2), model: "fast"), Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, cancellationToken);

        Assert.True(request.Headers.TransferEncodingChunked);
        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", cancellationToken);
    }

    [Fact]
    public async Task Sends_the_upstream_model_an_alias_stands_for()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SseClient.ChatJson($"#sim {{\"id\":\"{id}\"}}", stream: false, model: "fast"), Encoding.UTF8, "application/json"), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _host.Journal.Entries.Single(entry => entry.ScriptId == id);
        Assert.Contains("\"model\":\"gpt-4o-mini\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_only_the_aliases_when_unlisted_models_are_refused()
    {
        using var client = _host.CreateClient();

        var models = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/v1/models", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(["fast"], models.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789abcdef")]
    [InlineData("")]
    public async Task Refuses_a_missing_or_wrong_gateway_key_with_401(string? key)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SseClient.ChatJson("hi", model: "fast"), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        using var response = await client.SendAsync(request, cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key", cancellationToken);
        using var authorized = _host.CreateClient();
        await AssertStillServesAsync(authorized, cancellationToken);
    }

    private static async Task AssertStillServesAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SseClient.ChatJson("still there?", stream: false, model: "fast"), Encoding.UTF8, "application/json"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
