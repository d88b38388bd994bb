using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Clients;

/// <summary>The official OpenAI .NET client against the gateway, unchanged but for its endpoint and key.</summary>
public sealed class OpenAIClientTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    [Fact]
    public async Task Streams_text()
    {
        var text = new StringBuilder();
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("streaming through the gateway")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("You said: streaming through the gateway", text.ToString());
    }

    [Fact]
    public async Task Completes_without_streaming_and_reports_usage()
    {
        ChatCompletion completion = await Client().CompleteChatAsync([new UserChatMessage("no stream")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("You said: no stream", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(4, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task Streams_usage()
    {
        ChatTokenUsage? usage = null;
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("count these words")], cancellationToken: TestContext.Current.CancellationToken))
        {
            usage ??= update.Usage;
        }

        Assert.NotNull(usage);
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reassembles_client_tool_calls_intact(int parallelCalls)
    {
        var cities = new[] { "Paris", "Oslo" }[..parallelCalls];
        var script = "#sim {\"tool_calls\":[" + string.Join(",", cities.Select(city => $"{{\"name\":\"get_weather\",\"arguments\":{{\"city\":\"{city}\"}}}}")) + "]}";
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "The weather in a city.", BinaryData.FromString(WeatherSchema)) },
        };

        var streamed = await StreamedToolCalls.CollectAsync(Client().CompleteChatStreamingAsync([new UserChatMessage(script)], options, TestContext.Current.CancellationToken));

        Assert.Equal(ChatFinishReason.ToolCalls, streamed.Finish);
        Assert.Equal(parallelCalls, streamed.Calls.Select(call => call.Id).Distinct().Count());
        Assert.All(streamed.Calls, call => Assert.Equal("get_weather", call.Name));
        Assert.Equal(cities.Select(city => $$"""{"city":"{{city}}"}"""), streamed.Calls.Select(call => call.Arguments));
    }

    [Fact]
    public async Task Surfaces_a_gateway_key_error_as_an_authentication_failure()
    {
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("not-a-gateway-key-0123"), Options());

        var exception = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, exception.Status);
    }

    private ChatClient Client() => new("gpt-4o-mini", new ApiKeyCredential(ApiTestHost.GatewayKey), Options());

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(fixture.Host.ApiAddress, "/v1") };
}
