using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Redis;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>
/// Redis restarts with a large dataset and spends a while loading it, taking connections and answering every
/// command with <c>LOADING</c>. The Api waits that out as it waits out a Redis that is down: the transcript of a
/// completion served meanwhile is kept and stored once loading ends, and a read answers 503 to retry, not 500.
/// (The chaos test's durable Redis loads its append-only file the same way after its restart.)
/// </summary>
public sealed class RedisLoadingTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly RedisServerTestServer _server = RedisServerTestServer.Snapshotting();
    private ApiTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync();
        _host = ApiTestHost.Start(redis: _server.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_transcript_served_while_redis_loads_its_data_is_kept_until_it_can_be_stored_and_reads_meanwhile_answer_503()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var written = _host.TranscriptsWritten();
        using var writeFailures = _host.Signal("openchat.transcripts.write.failures");
        using var dropped = _host.Signal("openchat.transcripts.dropped");
        using var client = _host.CreateClient();
        await SnapshotFillerAsync();
        var reconnected = await WatchForReconnectionAsync();

        await _server.StopAsync();
        // 12,000 keys at 10 ms each: two minutes of loading, which the test ends itself.
        await _server.StartLoadingSlowlyAsync(TimeSpan.FromMilliseconds(10));
        await reconnected.WaitAsync(s_timeout, cancellationToken);

        using var response = await SseClient.PostAsync(client, SseClient.ChatJson("while redis loads"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("You said: while redis loads", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken))));
        var id = response.Headers.GetValues("X-Transcript-Id").Single();

        await writeFailures.WaitForTotalAsync(1, s_timeout, cancellationToken);
        using (var read = await client.GetAsync($"/v1/transcripts/{id}", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("store_unavailable", JsonDocument.Parse(await read.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), read.Headers.RetryAfter?.Delta);
        }

        Assert.Equal((0, 0), (written.Total, dropped.Total));

        await _server.FinishLoadingAsync();
        await written.WaitForTotalAsync(1, s_timeout, cancellationToken);
        using var stored = await client.GetAsync($"/v1/transcripts/{id}", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("completed", JsonDocument.Parse(await stored.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("status").GetString());
        Assert.Equal(0, dropped.Total);
    }

    /// <summary>Keys of 2 KiB of noise (which no compression shrinks), so that Redis serves connections between any two.</summary>
    private async Task SnapshotFillerAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{_server.ConnectionString},allowAdmin=true");
        var database = redis.GetDatabase();
        var noise = new byte[2048];
        var batch = database.CreateBatch();
        var writes = new List<Task>();
        for (var i = 0; i < 12_000; i++)
        {
            Random.Shared.NextBytes(noise);
            writes.Add(batch.StringSetAsync($"filler:{i}", noise));
        }

        batch.Execute();
        await Task.WhenAll(writes);
        await database.ExecuteAsync("SAVE");
    }

    /// <summary>A task that completes when the Api's connection for commands is back, so its next command meets Redis loading.</summary>
    private async Task<Task> WatchForReconnectionAsync()
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var multiplexer = (await _host.Api.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync()).Multiplexer;
        multiplexer.ConnectionRestored += (_, restoredArgs) =>
        {
            if (restoredArgs.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        return restored.Task;
    }
}
