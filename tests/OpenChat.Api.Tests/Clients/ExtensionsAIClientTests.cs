using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Clients;

/// <summary>Microsoft.Extensions.AI's OpenAI chat client against the gateway.</summary>
public sealed class ExtensionsAIClientTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Streams_text_and_usage()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client().GetStreamingResponseAsync("streaming via IChatClient", cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("You said: streaming via IChatClient", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Completes_without_streaming()
    {
        var response = await Client().GetResponseAsync("plain request", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("You said: plain request", response.Text);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Returns_parallel_client_function_calls_intact()
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "The weather in a city.")],
        };
        const string Script = "#sim {\"tool_calls\":[{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}},{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}]}";

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client().GetStreamingResponseAsync(Script, options, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var calls = updates.ToChatResponse().Messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["Paris", "Oslo"], calls.Select(call => ((JsonElement)call.Arguments!["city"]!).GetString()));
        Assert.All(calls, call => Assert.Equal("get_weather", call.Name));
        Assert.Equal(2, calls.Select(call => call.CallId).Distinct().Count());
    }

    private IChatClient Client() =>
        new OpenAIClient(new ApiKeyCredential(ApiTestHost.GatewayKey), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.ApiAddress, "/v1") })
            .GetChatClient("gpt-4o-mini")
            .AsIChatClient();
}
