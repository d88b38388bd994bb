using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>The official OpenAI client reads the simulator as it reads OpenAI: the wire format is faithful.</summary>
public sealed class OpenAIClientTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Streams_text_with_usage()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("faithful enough")], cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            usage ??= update.Usage;
        }

        Assert.Equal("You said: faithful enough", text.ToString());
        Assert.Equal(4, usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Reassembles_a_streamed_tool_call()
    {
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("lookup", "Looks up.", BinaryData.FromString("{\"type\":\"object\"}")) } };
        var arguments = new StringBuilder();
        string? name = null;
        await foreach (var update in Client().CompleteChatStreamingAsync(
            [new UserChatMessage("#sim {\"tool_calls\":[{\"name\":\"lookup\",\"arguments\":{\"query\":\"a longer query\"}}]}")], options, TestContext.Current.CancellationToken))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal("lookup", name);
        Assert.Equal("{\"query\":\"a longer query\"}", arguments.ToString());
    }

    private ChatClient Client() => new("gpt-4o-mini", new ApiKeyCredential(SimulatorFixture.ApiKey),
        new OpenAIClientOptions { Endpoint = new Uri(simulator.Factory.Address, "/v1") });
}
