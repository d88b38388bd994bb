using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Completions;
using OpenChat.Api.Redis;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Transcripts;
using OpenChat.Testing;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>The store against a real server; run once against Garnet and once against Redis 7.</summary>
public abstract class TranscriptStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(30);

    private readonly IRedisTestServer _server;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private ConnectionMultiplexer _redis = null!;
    private TranscriptKeys _keys = null!;
    private TranscriptStore _store = null!;

    protected TranscriptStoreTests(IRedisTestServer server) => _server = server;

    public async ValueTask InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
        var options = Options.Create(new TranscriptOptions { Retention = s_retention, KeyPrefix = $"test:{Guid.NewGuid():N}:" });
        _keys = new TranscriptKeys(options);
        _store = new TranscriptStore(new RedisConnection(() => _redis), _keys, options, _time);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Stores_every_field_of_a_completion()
    {
        var record = CompletionRecords.Completed("key_a", _time.GetUtcNow(), content: "The answer is 42.");
        await WriteAsync(record);

        var stored = await _store.GetAsync(record.Id);

        var json = JsonDocument.Parse(stored!.Json).RootElement;
        Assert.Equal(record.Id, json.GetProperty("id").GetString());
        Assert.Equal("transcript", json.GetProperty("object").GetString());
        Assert.Equal("key_a", json.GetProperty("key_id").GetString());
        Assert.Equal("2026-11-24T12:00:00.0000000+00:00", json.GetProperty("created_at").GetString());
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("fast", json.GetProperty("requested_model").GetString());
        Assert.Equal("gpt-4o-mini", json.GetProperty("upstream_model").GetString());
        Assert.Equal("gpt-4o-mini-2024-07-18", json.GetProperty("response_model").GetString());
        Assert.Equal("What is 6*7?", json.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("get_weather", json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("The answer is 42.", json.GetProperty("content").GetString());
        var call = json.GetProperty("tool_calls")[0];
        Assert.Equal(("calculate", "{\"expression\":\"6*7\"}", "{\"result\":\"42\"}", "ok", 3.0),
            (call.GetProperty("name").GetString(), call.GetProperty("arguments").GetString(), call.GetProperty("result").GetString(),
             call.GetProperty("outcome").GetString(), call.GetProperty("duration_ms").GetDouble()));
        Assert.Equal(15, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(12.5, json.GetProperty("time_to_first_token_ms").GetDouble());
        Assert.Equal(250, json.GetProperty("duration_ms").GetDouble());
        Assert.Equal("stop", json.GetProperty("finish_reason").GetString());
        Assert.Equal(2, json.GetProperty("rounds").GetInt32());
    }

    [Fact]
    public async Task Lists_newest_first_in_pages()
    {
        var records = Enumerable.Range(0, 5).Select(i => CompletionRecords.Completed("key_a", _time.GetUtcNow().AddSeconds(i))).ToList();
        await WriteAsync([.. records]);

        var first = await _store.ListAsync("key_a", before: null, limit: 2);
        var second = await _store.ListAsync("key_a", before: first.Transcripts[^1].Id, limit: 2);
        var last = await _store.ListAsync("key_a", before: second.Transcripts[^1].Id, limit: 2);

        Assert.Equal([records[4].Id, records[3].Id], first.Transcripts.Select(t => t.Id));
        Assert.Equal([records[2].Id, records[1].Id], second.Transcripts.Select(t => t.Id));
        Assert.Equal([records[0].Id], last.Transcripts.Select(t => t.Id));
        Assert.True(first.HasMore && second.HasMore);
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task Keeps_each_gateway_key_to_its_own_index()
    {
        var mine = CompletionRecords.Completed("key_mine", _time.GetUtcNow());
        var theirs = CompletionRecords.Completed("key_theirs", _time.GetUtcNow().AddSeconds(1));
        await WriteAsync(mine, theirs);

        Assert.Equal([mine.Id], (await _store.ListAsync("key_mine", null, 10)).Transcripts.Select(t => t.Id));
        Assert.Equal([theirs.Id, mine.Id], (await _store.ListAsync(keyId: null, null, 10)).Transcripts.Select(t => t.Id));
    }

    [Fact]
    public async Task Deletes_the_record_and_its_index_entries()
    {
        var record = CompletionRecords.Completed("key_a", _time.GetUtcNow());
        await WriteAsync(record);

        Assert.True(await _store.DeleteAsync((await _store.GetAsync(record.Id))!));

        Assert.Null(await _store.GetAsync(record.Id));
        Assert.Empty((await _store.ListAsync("key_a", null, 10)).Transcripts);
        Assert.Equal(0, await _redis.GetDatabase().SortedSetLengthAsync(_keys.AllIndex));
        Assert.Equal(0, await _redis.GetDatabase().SortedSetLengthAsync(_keys.KeyIndex("key_a")));
    }

    [Fact]
    public async Task Gives_records_and_indexes_an_expiry_of_the_retention()
    {
        var record = CompletionRecords.Completed("key_a", _time.GetUtcNow());
        await WriteAsync(record);

        var database = _redis.GetDatabase();
        foreach (var key in new[] { _keys.Transcript(record.Id), _keys.AllIndex, _keys.KeyIndex("key_a") })
        {
            var ttl = await database.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, s_retention - TimeSpan.FromMinutes(1), s_retention);
        }
    }

    [Fact]
    public async Task Trims_index_entries_older_than_the_retention()
    {
        var old = CompletionRecords.Completed("key_a", _time.GetUtcNow());
        await WriteAsync(old);
        _time.Advance(s_retention + TimeSpan.FromMinutes(1));

        var fresh = CompletionRecords.Completed("key_a", _time.GetUtcNow());
        await WriteAsync(fresh);

        var database = _redis.GetDatabase();
        Assert.Equal([fresh.Id], (await database.SortedSetRangeByRankAsync(_keys.AllIndex)).Select(id => (string)id!));
        Assert.Equal([fresh.Id], (await database.SortedSetRangeByRankAsync(_keys.KeyIndex("key_a"))).Select(id => (string)id!));
    }

    [Fact]
    public async Task Leaves_out_and_forgets_ids_whose_record_has_expired()
    {
        var gone = CompletionRecords.Completed("key_a", _time.GetUtcNow());
        var kept = CompletionRecords.Completed("key_a", _time.GetUtcNow().AddSeconds(1));
        await WriteAsync(gone, kept);
        await _redis.GetDatabase().KeyDeleteAsync(_keys.Transcript(gone.Id));

        var page = await _store.ListAsync("key_a", null, 10);

        Assert.Equal([kept.Id], page.Transcripts.Select(t => t.Id));
        Assert.Equal(1, await _redis.GetDatabase().SortedSetLengthAsync(_keys.KeyIndex("key_a")));
    }

    private Task WriteAsync(params CompletionRecord[] records) => _store.WriteAsync([.. records.Select(CompletionRecords.Queued)]);
}

public sealed class GarnetTranscriptStoreTests(GarnetFixture fixture) : TranscriptStoreTests(fixture.Server), IClassFixture<GarnetFixture>;

public sealed class RedisTranscriptStoreTests(RedisServerFixture fixture) : TranscriptStoreTests(fixture.Server), IClassFixture<RedisServerFixture>;
