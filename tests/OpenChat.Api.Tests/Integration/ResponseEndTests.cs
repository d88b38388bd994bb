using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Completions;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// A stream ends with its last event, before the gateway hands the completion to its sinks (transcript, usage,
/// metrics): the client is not kept waiting for the gateway's own bookkeeping, and the closing chunk leaves with the
/// last event instead of in a send of its own.
/// </summary>
public sealed class ResponseEndTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("hello gateway", "[DONE]", "completed")]
    [InlineData("#sim {\"reply\":\"one two three\",\"fail_after\":1,\"fail_mode\":\"error_event\"}", "simulated_failure", "upstream_error")]
    [InlineData("#sim {\"reply\":\"one two three\",\"fail_after\":1,\"fail_mode\":\"abort\"}", "upstream_stream_broken", "upstream_error")]
    public async Task The_client_has_the_whole_stream_while_the_sinks_are_still_held(string prompt, string lastEvent, string status)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var sink = new HeldSink(s_timeout);
        await using var host = ApiTestHost.Start(configureApi: services => services.AddSingleton<ICompletionSink>(sink));
        using var client = host.CreateClient();

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(prompt), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var handedOnBeforeTheEnd = sink.Recorded.IsCompleted;
        sink.Release();
        var record = await sink.Recorded.WaitAsync(s_timeout, cancellationToken);

        Assert.False(handedOnBeforeTheEnd);
        Assert.Contains(lastEvent, SseClient.Events(body)[^1], StringComparison.Ordinal);
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
