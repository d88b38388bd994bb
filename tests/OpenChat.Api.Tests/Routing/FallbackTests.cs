using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Tests.Integration;
using static OpenChat.Api.Tests.Routing.FallbackFixture;

namespace OpenChat.Api.Tests.Routing;

/// <summary>What moves a request from one upstream to the next before anything reached the client, and what does not.</summary>
public sealed class FallbackTests(FallbackFixture fixture) : IClassFixture<FallbackFixture>
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(503, false)]
    public async Task A_retryable_status_from_the_first_upstream_is_answered_by_the_next(int status, bool stream)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, $"\"status\":{status},\"fail_on\":[\"{Primary}\"],\"reply\":\"from the fallback\"", stream), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from the fallback", stream
            ? SseClient.Content(SseClient.Events(body))
            : JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(status, Assert.Single(fixture.Host.JournalOf(Primary).Entries, entry => entry.ScriptId == id).StatusCode);
        Assert.Equal(1, fixture.Host.JournalOf(Fallback).Received(id));
    }

    [Theory]
    [InlineData(400, "invalid_value")]
    [InlineData(404, "model_not_found")]
    [InlineData(422, "unprocessable")]
    public async Task A_status_that_another_upstream_would_answer_alike_goes_back_to_the_client(int status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id,
            $"\"status\":{status},\"error_code\":\"{code}\",\"error_message\":\"as the primary said\",\"fail_on\":[\"{Primary}\"]"), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, (HttpStatusCode)status, code, cancellationToken);
        Assert.Equal("as the primary said", error.GetProperty("message").GetString());
        Assert.Equal(1, fixture.Host.JournalOf(Primary).Received(id));
        Assert.Equal(0, fixture.Host.JournalOf(Fallback).Received(id));
    }

    [Fact]
    public async Task A_stream_that_fails_after_its_first_byte_ends_with_an_error_event_and_is_not_sent_again()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = fixture.Host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id,
            $"\"reply\":\"one two three\",\"fail_after\":2,\"fail_mode\":\"error_event\",\"fail_on\":[\"{Primary}\"]"), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("one two", SseClient.Content(events[..^1]));
        Assert.True(JsonDocument.Parse(events[^1]).RootElement.TryGetProperty("error", out _));
        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal(0, fixture.Host.JournalOf(Fallback).Received(id));
    }
}
