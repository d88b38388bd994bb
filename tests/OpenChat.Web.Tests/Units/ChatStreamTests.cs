using System.Net;
using System.Text;
using OpenChat.Web.Gateway;

namespace OpenChat.Web.Tests.Units;

public sealed class ChatStreamTests
{
    [Fact]
    public async Task Content_deltas_arrive_in_order_and_done_completes_the_answer()
    {
        await using var stream = Stream("""
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

            data: {"choices":[{"index":0,"delta":{"content":"Hello"}}]}

            : a comment
            data: {"choices":[{"index":0,"delta":{"content":" world"},"finish_reason":"stop"}]}

            data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}

            data: [DONE]


            """, transcriptId: "chatcmpl-1");

        var deltas = await ReadAllAsync(stream);

        Assert.Equal(["Hello", " world"], deltas);
        Assert.True(stream.IsComplete);
        Assert.Equal(("stop", "chatcmpl-1"), (stream.FinishReason, stream.TranscriptId));
    }

    [Fact]
    public async Task An_error_event_fails_the_stream_with_the_apis_message()
    {
        await using var stream = Stream("""
            data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}

            data: {"error":{"message":"The upstream went away.","type":"upstream_error","param":null,"code":"upstream_disconnected"}}


            """);
        var deltas = new List<string>();

        var failure = await Assert.ThrowsAsync<GatewayException>(async () =>
        {
            await foreach (var delta in stream.ReadContentAsync(TestContext.Current.CancellationToken))
            {
                deltas.Add(delta);
            }
        });

        Assert.Equal(["Hel"], deltas);
        Assert.Equal("The stream failed (upstream_disconnected): The upstream went away.", failure.Error.Describe());
    }

    [Fact]
    public async Task A_stream_that_ends_without_done_is_an_error_not_a_finished_answer()
    {
        await using var stream = Stream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\"}}]}\r\n\r\n");

        var failure = await Assert.ThrowsAsync<GatewayException>(() => ReadAllAsync(stream));

        Assert.Equal("stream_ended", failure.Error.Code);
        Assert.False(stream.IsComplete);
    }

    private static ChatStream Stream(string body, string? transcriptId = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ReplaceLineEndings("\n"), Encoding.UTF8, "text/event-stream") };
        if (transcriptId is not null)
        {
            response.Headers.Add("X-Transcript-Id", transcriptId);
        }

        return new ChatStream(response);
    }

    private static async Task<List<string>> ReadAllAsync(ChatStream stream)
    {
        var deltas = new List<string>();
        await foreach (var delta in stream.ReadContentAsync(TestContext.Current.CancellationToken))
        {
            deltas.Add(delta);
        }

        return deltas;
    }
}
