using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using OpenChat.Testing;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>The official OpenAI .NET client reads every profile's stream: text, usage and reassembled tool calls.</summary>
public sealed class OpenAIClientProfileTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    [InlineData("ollama")]
    [InlineData("vllm")]
    public async Task Reads_streamed_text_and_usage(string profile)
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var options = new ChatCompletionOptions();
        await foreach (var update in Client(profile).CompleteChatStreamingAsync(
            [new UserChatMessage($"#sim {{\"reply\":\"read by the client\",\"profile\":\"{profile}\"}}")], options, TestContext.Current.CancellationToken))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("read by the client", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(4, usage?.OutputTokenCount);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    [InlineData("ollama")]
    [InlineData("vllm")]
    public async Task Reassembles_parallel_tool_calls(string profile)
    {
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("calc", "Calculates.", BinaryData.FromString("{\"type\":\"object\"}")),
                ChatTool.CreateFunctionTool("time", "Tells the time.", BinaryData.FromString("{\"type\":\"object\"}")),
            },
        };
        var streamed = await StreamedToolCalls.CollectAsync(Client(profile).CompleteChatStreamingAsync(
            [new UserChatMessage(ProfileTranscriptTests.ToolScript.Replace("{0}", profile, StringComparison.Ordinal))], options, TestContext.Current.CancellationToken));

        Assert.Equal(["calc", "time"], streamed.Calls.Select(call => call.Name));
        Assert.Equal(["call_sim1_0", "call_sim1_1"], streamed.Calls.Select(call => call.Id));
        Assert.Equal(["{\"x\":1}", "{}"], streamed.Calls.Select(call => call.Arguments));
        Assert.Equal(ChatFinishReason.ToolCalls, streamed.Finish);
    }

    // Usage is asked for through the client's own stream options (it sets include_usage on every streamed call).
    private ChatClient Client(string profile)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(simulator.Factory.Address, "/v1") };
        if (profile == "azure")
        {
            options.AddPolicy(new AzureKeyHeaderPolicy(SimulatorFixture.ApiKey), PipelinePosition.BeforeTransport);
        }

        return new ChatClient("gpt-4o-mini", new ApiKeyCredential(SimulatorFixture.ApiKey), options);
    }

    /// <summary>Presents the key as Azure OpenAI expects it: in <c>api-key</c>, not as a bearer token.</summary>
    private sealed class AzureKeyHeaderPolicy(string key) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Present(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Present(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Present(PipelineMessage message)
        {
            message.Request.Headers.Remove("Authorization");
            message.Request.Headers.Set("api-key", key);
        }
    }
}
