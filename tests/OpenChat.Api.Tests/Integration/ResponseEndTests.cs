using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Completions;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// An answer is whole when its last byte is sent, before the gateway hands the completion to its sinks (transcript,
/// usage, metrics): the client is not kept waiting for the gateway's own bookkeeping, and a stream's closing chunk
/// leaves with its last event instead of in a send of its own.
/// </summary>
public sealed class ResponseEndTests
{
    private const string BrokenUpstream = "broken upstream";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string> Endings => new()
    {
        { "hello gateway", "data: [DONE]", "completed" },
        { "#sim {\"reply\":\"one two three\",\"fail_after\":1,\"fail_mode\":\"error_event\"}", "\"code\":\"simulated_failure\"}}", "upstream_error" },
        { "#sim {\"status\":400,\"error_code\":\"context_length_exceeded\",\"error_message\":\"too long\"}", "\"code\":\"context_length_exceeded\"}}", "upstream_error" },
        { BrokenUpstream, "\"code\":\"upstream_stream_broken\"}}", "upstream_error" },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task The_client_has_the_whole_answer_while_the_sinks_are_still_held(string prompt, string lastWords, string status)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var sink = new HeldSink(s_timeout);
        // Only the broken case needs an upstream other than the simulator.
        await using var broken = prompt == BrokenUpstream ? new TruncatingUpstream(
            """{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            """{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"one"},"finish_reason":null}]}""") : null;
        await using var host = ApiTestHost.Start(
            upstream: broken?.BaseUrl,
            configureApi: services => services.AddSingleton<ICompletionSink>(sink));
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(prompt), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var handedOnBeforeTheEnd = sink.Recorded.IsCompleted;
        sink.Release();
        var record = await sink.Recorded.WaitAsync(s_timeout, cancellationToken);

        Assert.False(handedOnBeforeTheEnd);
        Assert.EndsWith(lastWords, body.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(status, record.Status.ToWireName());
    }

    /// <summary>A sink that holds the completion's thread until the test lets it go (or the timeout passes).</summary>
    private sealed class HeldSink(TimeSpan timeout) : ICompletionSink, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource<CompletionRecord> _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<CompletionRecord> Recorded => _recorded.Task;

        public void OnCompleted(CompletionRecord record)
        {
            _release.Wait(timeout);
            _recorded.TrySetResult(record);
        }

        public void Release() => _release.Set();

        public void Dispose() => _release.Dispose();
    }
}
