using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Redis;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Transcripts;
using OpenChat.Testing;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>The writer against a real server that goes away and comes back; once for Garnet, once for Redis 7.</summary>
public abstract class TranscriptWriterTests(IRedisTestServer server) : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IOptions<TranscriptOptions> _options = Options.Create(new TranscriptOptions
    {
        KeyPrefix = $"test:{Guid.NewGuid():N}:",
        BatchSize = 4,
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    });

    private ConnectionMultiplexer _redis = null!;
    private TranscriptStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        await server.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},abortConnect=false,connectTimeout=1000,asyncTimeout=1000");
        _store = new TranscriptStore(new RedisConnection(() => _redis), new TranscriptKeys(_options), _options, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _services.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stores_every_transcript_queued_while_redis_was_down_once_it_is_back()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (queue, writer, written) = StartWriter();
        using (written)
        using (writer)
        {
            await writer.StartAsync(cancellationToken);
            var before = Records(3);
            before.ForEach(queue.Enqueue);
            await written.WaitForTotalAsync(3, s_timeout, cancellationToken);

            using var failures = new CounterSignal(_services.GetRequiredService<IMeterFactory>().Create(OpenChatTelemetry.Name), "openchat.transcripts.write.failures");
            await server.StopAsync();
            var during = Records(10);
            during.ForEach(queue.Enqueue);

            // Redis stays away until the writer has failed and gone into its retries.
            await failures.WaitForTotalAsync(1, s_timeout, cancellationToken);
            Assert.Equal(3, written.Total);
            await server.StartAsync();
            await written.WaitForTotalAsync(13, s_timeout, cancellationToken);

            // The restarted server starts empty: what was written before is its loss, not the writer's.
            foreach (var record in during)
            {
                Assert.NotNull(await _store.GetAsync(record.Id));
            }

            Assert.Equal(0, queue.DroppedCount);
            await writer.StoppedAsync(cancellationToken);

            // Stored at once, a transcript's array goes back to the pool; the batch in hand when Redis went away keeps
            // its arrays out of it, since a command of a failed attempt may still read them.
            Assert.All(before, transcript => Assert.Equal(0, transcript.Json.Capacity));
            Assert.Contains(during, transcript => transcript.Json.Capacity > 0);
        }
    }

    [Fact]
    public async Task Drains_the_queue_when_the_host_stops()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (queue, writer, written) = StartWriter();
        using (written)
        using (writer)
        {
            await writer.StartAsync(cancellationToken);
            var records = Records(25);
            records.ForEach(queue.Enqueue);

            await writer.StoppedAsync(cancellationToken);

            Assert.Equal(25, written.Total);
            Assert.Equal(0, queue.Count);
            Assert.All(records, transcript => Assert.Equal(0, transcript.Json.Capacity));
            foreach (var record in records)
            {
                Assert.NotNull(await _store.GetAsync(record.Id));
            }
        }
    }

    [Fact]
    public async Task Gives_up_a_transcript_redis_refuses_stores_the_rest_of_its_batch_and_goes_on()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (queue, writer, written) = StartWriter();
        using (written)
        using (writer)
        {
            // A key index that is not a sorted set: Redis answers WRONGTYPE to every transcript of key_bad.
            await _redis.GetDatabase().StringSetAsync(new TranscriptKeys(_options).KeyIndex("key_bad"), "not an index");
            var good = Records(3);
            var bad = Records(1, keyId: "key_bad");
            var later = Records(2);

            List<QueuedTranscript> first = [.. good[..1], .. bad, .. good[1..]];
            first.ForEach(queue.Enqueue);
            await writer.StartAsync(cancellationToken);
            await written.WaitForTotalAsync(3, s_timeout, cancellationToken);
            later.ForEach(queue.Enqueue);
            await written.WaitForTotalAsync(5, s_timeout, cancellationToken);

            Assert.Equal(1, queue.DroppedCount);
            foreach (var transcript in good.Concat(later))
            {
                Assert.NotNull(await _store.GetAsync(transcript.Id));
            }

            await writer.StoppedAsync(cancellationToken);
            Assert.Equal(0, queue.Bytes);
        }
    }

    private (TranscriptQueue Queue, TranscriptWriter Writer, CounterSignal Written) StartWriter()
    {
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        var queue = new TranscriptQueue(_options, meterFactory, NullLogger<TranscriptQueue>.Instance);
        var writer = new TranscriptWriter(queue, _store, new TranscriptMetrics(meterFactory), _options, TimeProvider.System, NullLogger<TranscriptWriter>.Instance);
        var written = new CounterSignal(meterFactory.Create(OpenChatTelemetry.Name), "openchat.transcripts.written");
        return (queue, writer, written);
    }

    private static List<QueuedTranscript> Records(int count, string keyId = "key_a") =>
        [.. Enumerable.Range(0, count).Select(_ => CompletionRecords.Queued(CompletionRecords.Completed(keyId, DateTimeOffset.UtcNow)))];
}

public sealed class GarnetTranscriptWriterTests() : TranscriptWriterTests(new GarnetTestServer());

public sealed class RedisTranscriptWriterTests() : TranscriptWriterTests(new RedisServerTestServer());
