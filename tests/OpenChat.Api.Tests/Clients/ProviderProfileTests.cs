using System.ClientModel;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace OpenChat.Api.Tests.Clients;

/// <summary>
/// Each provider's stream shape (the simulator's profiles) through the relay and the server tool loop, read by the
/// official OpenAI .NET client and by Microsoft.Extensions.AI.
/// </summary>
public sealed class ProviderProfileTests(ProfileHostsFixture fixture) : IClassFixture<ProfileHostsFixture>
{
    private const string CalculateScript = """What is 6*7?\n#sim {"tool_calls":[{"name":"calculate","arguments":{"expression":"6*7"}}]}""";
    private const string CalculateAnswer = """The result of calculate is {"expression":"6*7","result":"42","exact":true}.""";

    [Theory]
    [MemberData(nameof(ProfileHostsFixture.Profiles), MemberType = typeof(ProfileHostsFixture))]
    public async Task The_official_client_streams_text(string profile)
    {
        var text = new StringBuilder();
        await foreach (var update in ChatClient(profile).CompleteChatStreamingAsync([new UserChatMessage("hello profile")], cancellationToken: TestContext.Current.CancellationToken))
        {
            text.AppendJoin("", update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("You said: hello profile", text.ToString());
    }

    [Theory]
    [MemberData(nameof(ProfileHostsFixture.Profiles), MemberType = typeof(ProfileHostsFixture))]
    public async Task A_server_tool_round_reaches_the_client_as_one_answer_with_one_role_first(string profile)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.For(profile).CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(Unescape(CalculateScript)), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));
        var deltas = events.Where(data => data != "[DONE]")
            .Select(data => JsonDocument.Parse(data).RootElement.GetProperty("choices"))
            .Where(choices => choices.GetArrayLength() > 0)
            .Select(choices => choices[0].GetProperty("delta"))
            .ToList();

        Assert.Equal(CalculateAnswer, SseClient.Content(events));
        Assert.Equal("assistant", deltas[0].GetProperty("role").GetString());
        Assert.Single(deltas, delta => delta.TryGetProperty("role", out _));
        Assert.DoesNotContain(events, data => data.Contains("tool_calls", StringComparison.Ordinal));
        Assert.Single(events, data => data == "[DONE]");
    }

    [Theory]
    [MemberData(nameof(ProfileHostsFixture.Profiles), MemberType = typeof(ProfileHostsFixture))]
    public async Task The_official_client_reads_the_answer_of_a_server_tool_round(string profile)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in ChatClient(profile).CompleteChatStreamingAsync([new UserChatMessage(Unescape(CalculateScript))], cancellationToken: TestContext.Current.CancellationToken))
        {
            text.AppendJoin("", update.ContentUpdate.Select(part => part.Text));
            finish ??= update.FinishReason;
        }

        Assert.Equal(CalculateAnswer, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Theory]
    [MemberData(nameof(ProfileHostsFixture.Profiles), MemberType = typeof(ProfileHostsFixture))]
    public async Task Extensions_ai_reads_the_answer_of_a_server_tool_round_streamed_and_not(string profile)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in ChatClient(profile).AsIChatClient().GetStreamingResponseAsync(Unescape(CalculateScript), cancellationToken: cancellationToken))
        {
            updates.Add(update);
        }

        var whole = await ChatClient(profile).AsIChatClient().GetResponseAsync(Unescape(CalculateScript), cancellationToken: cancellationToken);

        Assert.Equal(CalculateAnswer, updates.ToChatResponse().Text);
        Assert.Equal(CalculateAnswer, whole.Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, whole.FinishReason);
    }

    [Theory]
    [MemberData(nameof(ProfileHostsFixture.Profiles), MemberType = typeof(ProfileHostsFixture))]
    public async Task Client_tool_calls_pass_through_intact(string profile)
    {
        const string Script = """#sim {"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_weather","arguments":{"city":"Oslo"}}]}""";
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "The weather in a city.", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""")) },
        };

        var streamed = await StreamedToolCalls.CollectAsync(ChatClient(profile).CompleteChatStreamingAsync([new UserChatMessage(Script)], options, TestContext.Current.CancellationToken));

        Assert.Equal(ChatFinishReason.ToolCalls, streamed.Finish);
        Assert.Equal(["""{"city":"Paris"}""", """{"city":"Oslo"}"""], streamed.Calls.Select(call => call.Arguments));
        Assert.Equal(2, streamed.Calls.Select(call => call.Id).Distinct().Count());
    }

    private static string Unescape(string script) => script.Replace("\\n", "\n", StringComparison.Ordinal);

    private ChatClient ChatClient(string profile) =>
        new("gpt-4o-mini", new ApiKeyCredential(ApiTestHost.GatewayKey), new OpenAIClientOptions { Endpoint = new Uri(fixture.For(profile).ApiAddress, "/v1") });
}
