using System.Net;
using OpenChat.Api.Governance;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>
/// Limits that hold across replicas: two Api instances on one real Redis (Garnet, and redis-server where it is
/// installed), on one fake clock.
/// </summary>
public abstract class ReplicaLimitsTests(IRedisTestServer server) : IAsyncLifetime
{
    // A stream that outlasts any test, slow enough that many of them leave the machine to the tests running beside.
    private static readonly string s_longStream = SseClient.ChatJson("#sim {\"tokens\":100000,\"delay_ms\":200}");

    private GovernedApis _apis = null!;

    // The tests' own view of Redis, beside the replicas'.
    private StackExchange.Redis.ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync()
    {
        await server.StartAsync();
        _redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        _apis = GovernedApis.Start(server, new Dictionary<string, string?>
        {
            // One dollar per token, so a cost budget of a few dollars runs out after one completion.
            ["OpenChat:Governance:Prices:gpt-4o-mini:InputPerMillion"] = "1000000",
            ["OpenChat:Governance:Prices:gpt-4o-mini:OutputPerMillion"] = "1000000",
        }, cuttableFirst: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _apis.DisposeAsync();
        await _redis.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Requests_per_minute_hold_exactly_across_two_replicas()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"fifty a minute","rpm":50}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => GovernedApis.ChatAsync(i % 2 == 0 ? first : second, $"request {i}")))
            .WaitAsync(GovernedApis.Timeout, TestContext.Current.CancellationToken);

        var admitted = responses.Where(response => response.StatusCode == HttpStatusCode.OK).ToList();
        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(50, admitted.Count);
        Assert.Equal(50, refused.Count);
        // Every admitted request saw a different count: the window was counted atomically across both replicas.
        Assert.Equal(Enumerable.Range(0, 50).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            admitted.Select(response => Header(response, "x-ratelimit-remaining-requests")).Order());
        foreach (var response in refused)
        {
            var error = await GovernedApis.ErrorOf(response);
            Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
            Assert.Contains("requests per minute (rpm)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("50", Header(response, "x-ratelimit-limit-requests"));
            Assert.Equal("0", Header(response, "x-ratelimit-remaining-requests"));
            Assert.InRange(int.Parse(Header(response, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }
    }

    [Fact]
    public async Task Tokens_per_minute_count_the_estimate_then_the_usage_the_upstream_reported()
    {
        const int Limit = 200;
        var (_, secret) = await _apis.CreateKeyAsync($$"""{"name":"tokens","tpm":{{Limit}}}""");
        using var usage = _apis.UsageRecorded(_apis.First);
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);

        using var one = await GovernedApis.ChatAsync(first, "count my tokens please");
        var estimate = Limit - int.Parse(Header(one, "x-ratelimit-remaining-tokens"), System.Globalization.CultureInfo.InvariantCulture);
        var used = System.Text.Json.JsonDocument.Parse(await one.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32();
        await usage.WaitForTotalAsync(1, GovernedApis.Timeout, TestContext.Current.CancellationToken);
        using var two = await GovernedApis.ChatAsync(second, "count my tokens please");

        Assert.Equal("200", Header(one, "x-ratelimit-limit-tokens"));
        Assert.InRange(estimate, 5, 20);
        // The second request's window holds the first's real usage and the second's estimate.
        Assert.Equal(Limit - used - estimate, int.Parse(Header(two, "x-ratelimit-remaining-tokens"), System.Globalization.CultureInfo.InvariantCulture));

        HttpResponseMessage? refusal = null;
        for (var i = 0; i < Limit && refusal is null; i++)
        {
            var response = await GovernedApis.ChatAsync(i % 2 == 0 ? first : second, "count my tokens please");
            refusal = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refusal);
        var error = await GovernedApis.ErrorOf(refusal);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("tokens per minute (tpm)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_the_other_replica_once_its_cache_time_has_passed()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"soon revoked"}""");
        using var onSecond = GovernedApis.Client(_apis.Second, secret);
        using var admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(onSecond, "before")).StatusCode);

        using var revoked = await admin.DeleteAsync($"/admin/keys/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var onFirst = GovernedApis.Client(_apis.First, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GovernedApis.ChatAsync(onFirst, "first")).StatusCode);
        // The second replica trusts what it read for the cache time (500 ms), and no longer.
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(onSecond, "still cached")).StatusCode);
        _apis.Time.Advance(TimeSpan.FromMilliseconds(500));

        using var refused = await GovernedApis.ChatAsync(onSecond, "after");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (await GovernedApis.ErrorOf(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"tokens":10,"period":"day"}""", "token budget for this day")]
    [InlineData("""{"usd":5,"period":"month"}""", "cost budget for this month")]
    public async Task A_spent_budget_stops_the_key_on_every_replica(string budget, string expected)
    {
        var (_, secret) = await _apis.CreateKeyAsync($$"""{"name":"budgeted","budget":{{budget}}}""");
        using var usage = _apis.UsageRecorded(_apis.First);
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);

        using var spending = await GovernedApis.ChatAsync(first, "this completion spends the whole budget");
        Assert.Equal(HttpStatusCode.OK, spending.StatusCode);
        await usage.WaitForTotalAsync(1, GovernedApis.Timeout, TestContext.Current.CancellationToken);
        using var refused = await GovernedApis.ChatAsync(second, "one more");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = await GovernedApis.ErrorOf(refused);
        Assert.Equal("insufficient_quota", error.GetProperty("code").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(int.Parse(Header(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task A_dead_replicas_stream_slots_come_back_when_their_leases_run_out()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"one stream","max_concurrent_streams":1}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        var cancellationToken = TestContext.Current.CancellationToken;

        var running = await SseClient.PostAsync(first, s_longStream, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        using (var busy = await SseClient.PostAsync(second, SseClient.ChatJson("second stream"), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
            Assert.Contains("concurrent streams", (await GovernedApis.ErrorOf(busy)).GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // The first replica loses Redis and stops without releasing its slot.
        await _apis.FirstLink!.CutAsync();
        running.Dispose();
        await _apis.Host.Api.DisposeAsync();

        using (var stillHeld = await SseClient.PostAsync(second, SseClient.ChatJson("second stream"), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillHeld.StatusCode);
        }

        _apis.Time.Advance(TimeSpan.FromSeconds(30));
        using var admitted = await SseClient.PostAsync(second, SseClient.ChatJson("second stream"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal("You said: second stream", SseClient.Content(SseClient.Events(await admitted.Content.ReadAsStringAsync(cancellationToken))));
    }

    [Fact]
    public async Task A_finished_stream_frees_its_slot_for_the_other_replica()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"one stream","max_concurrent_streams":1}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        var cancellationToken = TestContext.Current.CancellationToken;

        using var releasedByFirst = _apis.SlotsReleased(_apis.First);
        using var releasedBySecond = _apis.SlotsReleased(_apis.Second);

        for (var i = 0; i < 4; i++)
        {
            using var response = await SseClient.PostAsync(i % 2 == 0 ? first : second, SseClient.ChatJson($"stream {i}"), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"You said: stream {i}", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken))));
            // The slot goes back after the stream's last byte, off the request's path.
            await (i % 2 == 0 ? releasedByFirst : releasedBySecond).WaitForTotalAsync((i / 2) + 1, GovernedApis.Timeout, cancellationToken);
        }
    }

    [Fact]
    public async Task Streams_that_finish_together_give_all_their_slots_back()
    {
        const int Slots = 6;
        var (_, secret) = await _apis.CreateKeyAsync($$"""{"name":"six streams","max_concurrent_streams":{{Slots}}}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        using var releasedByFirst = _apis.SlotsReleased(_apis.First);
        using var releasedBySecond = _apis.SlotsReleased(_apis.Second);
        var cancellationToken = TestContext.Current.CancellationToken;

        // The clock never moves, so no lease runs out: the second round is admitted only if every slot of the
        // first was removed from Redis, several of them in one round trip.
        for (var round = 1; round <= 2; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, Slots)
                .Select(i => SseClient.PostAsync(i % 2 == 0 ? first : second, SseClient.ChatJson($"round {round} stream {i}"), cancellationToken)));
            for (var i = 0; i < Slots; i++)
            {
                using var response = responses[i];
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal($"You said: round {round} stream {i}", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken))));
            }

            await releasedByFirst.WaitForTotalAsync(round * Slots / 2, GovernedApis.Timeout, cancellationToken);
            await releasedBySecond.WaitForTotalAsync(round * Slots / 2, GovernedApis.Timeout, cancellationToken);
        }
    }

    [Fact]
    public async Task Streams_of_a_key_limited_only_in_streams_take_spare_slots_and_the_limit_holds_across_replicas()
    {
        // 16 streams: up to two spares per replica (an eighth), granted while the key holds at most twelve slots.
        const int Limit = 16;
        var (id, secret) = await _apis.CreateKeyAsync($$"""{"name":"sixteen streams","max_concurrent_streams":{{Limit}}}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        using var sparesTakenByFirst = _apis.SparesTaken(_apis.First);
        using var sparesTakenBySecond = _apis.SparesTaken(_apis.Second);
        var cancellationToken = TestContext.Current.CancellationToken;

        var running = new List<HttpResponseMessage>();
        try
        {
            var refused = 0;
            for (var i = 0; i < Limit + 4; i++)
            {
                var response = await SseClient.PostAsync(i % 2 == 0 ? first : second, s_longStream, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    running.Add(response);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                    refused++;
                    response.Dispose();
                }

                // Every slot in Redis, spare or in use, counts against the limit.
                Assert.InRange(await SlotsInRedisAsync(id), running.Count, Limit);
            }

            // Each replica's spares went to its own later streams, so none was left idle to refuse one early.
            Assert.Equal((Limit, 4), (running.Count, refused));
            Assert.Equal(Limit, await SlotsInRedisAsync(id));
            Assert.True(sparesTakenByFirst.Total > 0 && sparesTakenBySecond.Total > 0,
                $"Spares taken: {sparesTakenByFirst.Total} on the first replica, {sparesTakenBySecond.Total} on the second.");
        }
        finally
        {
            running.ForEach(response => response.Dispose());
        }
    }

    [Fact]
    public async Task Streams_that_start_together_wait_for_one_ask_for_spares_instead_of_each_asking_redis()
    {
        const int Streams = 8;
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"sixty-four streams","max_concurrent_streams":64}""");
        using var client = GovernedApis.Client(_apis.First, secret);
        using var waits = _apis.RefillWaits(_apis.First);
        using var sparesTaken = _apis.SparesTaken(_apis.First);
        var cancellationToken = TestContext.Current.CancellationToken;

        // The replica reads the key (and keeps it: the clock stands still) before its way to Redis is held up.
        using (var warm = await GovernedApis.ChatAsync(client, "not a stream"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        _apis.FirstLink!.Pause();
        var starting = Enumerable.Range(0, Streams)
            .Select(i => SseClient.PostAsync(client, SseClient.ChatJson($"stream {i}"), cancellationToken)).ToList();
        // The first stream's script is held on its way; the seven others wait for its answer instead of sending their own.
        await waits.WaitForTotalAsync(Streams - 1, GovernedApis.Timeout, cancellationToken);
        _apis.FirstLink.Resume();

        var responses = await Task.WhenAll(starting).WaitAsync(GovernedApis.Timeout, cancellationToken);
        for (var i = 0; i < Streams; i++)
        {
            using var response = responses[i];
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"You said: stream {i}", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken))));
        }

        // The first answer brought one spare (one request in the last second when it asked); the next ask, by one of
        // the waiting streams, brought one for each stream still waiting: two scripts for eight streams.
        Assert.InRange(sparesTaken.Total, Streams - 2, Streams - 1);
        Assert.InRange(await SlotsInRedisAsync(id), 0, 64 * 3 / 4);
    }

    [Fact]
    public async Task Streams_that_start_together_on_two_replicas_stay_within_the_limit()
    {
        const int Limit = 16;
        var (id, secret) = await _apis.CreateKeyAsync($$"""{"name":"sixteen streams","max_concurrent_streams":{{Limit}}}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        var cancellationToken = TestContext.Current.CancellationToken;

        var responses = await Task.WhenAll(Enumerable.Range(0, Limit + 8)
            .Select(i => SseClient.PostAsync(i % 2 == 0 ? first : second, s_longStream, cancellationToken)))
            .WaitAsync(GovernedApis.Timeout, cancellationToken);
        try
        {
            var admitted = responses.Count(response => response.StatusCode == HttpStatusCode.OK);
            Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            // Every slot in Redis, spare or in use, counts; spares are granted only up to three quarters of the
            // limit, and each replica holds at most an eighth of it idle, so most of the limit is served.
            Assert.InRange(admitted, Limit - (2 * Limit / 8), Limit);
            Assert.InRange(await SlotsInRedisAsync(id), admitted, Limit);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_spare_slot_not_taken_within_a_second_goes_back()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"sixteen streams","max_concurrent_streams":16}""");
        using var client = GovernedApis.Client(_apis.First, secret);
        using var released = _apis.SlotsReleased(_apis.First);
        using var sparesTaken = _apis.SparesTaken(_apis.First);
        var cancellationToken = TestContext.Current.CancellationToken;

        using var kept = _apis.SlotsKept(_apis.First);
        using (var running = await SseClient.PostAsync(client, s_longStream, cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, running.StatusCode);
            // The stream's own slot and one spare: the key had one request in the last second.
            Assert.Equal(2, await SlotsInRedisAsync(id));

            _apis.Time.Advance(SpareStreamSlots.MaxSpareAge);
            await released.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
            Assert.Equal(1, await SlotsInRedisAsync(id));
        }

        // The ended stream's slot takes the returned spare's place, and goes back the same way.
        await kept.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
        Assert.Equal(1, await SlotsInRedisAsync(id));
        _apis.Time.Advance(SpareStreamSlots.MaxSpareAge);
        await released.WaitForTotalAsync(2, GovernedApis.Timeout, cancellationToken);
        Assert.Equal(0, await SlotsInRedisAsync(id));
        Assert.Equal(0, sparesTaken.Total);
    }

    [Fact]
    public async Task A_spare_slot_is_not_taken_under_a_changed_limit()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"sixteen streams","max_concurrent_streams":16}""");
        using var client = GovernedApis.Client(_apis.First, secret);
        using var admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
        using var sparesTaken = _apis.SparesTaken(_apis.First);
        var cancellationToken = TestContext.Current.CancellationToken;

        using var running = await SseClient.PostAsync(client, s_longStream, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal(2, await SlotsInRedisAsync(id));

        using (var lowered = await admin.PatchAsync($"/admin/keys/{id}",
            new StringContent("""{"max_concurrent_streams":1}""", System.Text.Encoding.UTF8, "application/json"), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        }

        // Past the key cache, not past the spare's second: the spare is there, but was granted under 16 streams.
        _apis.Time.Advance(TimeSpan.FromMilliseconds(600));
        using var refused = await SseClient.PostAsync(client, SseClient.ChatJson("second stream"), cancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(0, sparesTaken.Total);
    }

    [Fact]
    public async Task A_replica_that_stops_gives_its_spare_slots_back()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"sixteen streams","max_concurrent_streams":16}""");
        using var client = GovernedApis.Client(_apis.Second, secret);
        using var released = _apis.SlotsReleased(_apis.Second);
        var cancellationToken = TestContext.Current.CancellationToken;

        using (var response = await SseClient.PostAsync(client, SseClient.ChatJson("one stream"), cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync(cancellationToken);
        }

        // The stream's slot went back; the spare taken with it stays, as the clock stands still.
        await released.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
        Assert.Equal(1, await SlotsInRedisAsync(id));

        await _apis.SecondReplica.DisposeAsync();
        Assert.Equal(0, await SlotsInRedisAsync(id));
    }

    [Fact]
    public async Task An_ended_streams_slot_is_kept_for_the_replicas_next_stream_of_the_key()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"sixteen streams","max_concurrent_streams":16}""");
        using var client = GovernedApis.Client(_apis.First, secret);
        using var released = _apis.SlotsReleased(_apis.First);
        using var kept = _apis.SlotsKept(_apis.First);
        using var sparesTaken = _apis.SparesTaken(_apis.First);
        var cancellationToken = TestContext.Current.CancellationToken;

        // The first stream asks Redis for its slot and one spare (one request in the last second); with that
        // spare the key has all it wants, so the stream's own slot goes back.
        await StreamAsync(client, "stream 1");
        await released.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
        Assert.Equal(1, await SlotsInRedisAsync(id));

        // Each later stream takes the spare left before it, and two or more requests in the last second want more
        // than none: its slot is kept, nothing is given back and nothing asked of Redis.
        for (var stream = 2; stream <= 4; stream++)
        {
            await StreamAsync(client, $"stream {stream}");
            await kept.WaitForTotalAsync(stream - 1, GovernedApis.Timeout, cancellationToken);
            Assert.Equal((stream - 1, 1L, 1L), (sparesTaken.Total, released.Total, await SlotsInRedisAsync(id)));
        }

        _apis.Time.Advance(SpareStreamSlots.MaxSpareAge);
        await released.WaitForTotalAsync(2, GovernedApis.Timeout, cancellationToken);
        Assert.Equal(0, await SlotsInRedisAsync(id));
    }

    [Fact]
    public async Task An_ended_streams_slot_goes_back_when_the_key_was_past_three_quarters_of_its_limit()
    {
        const int Limit = 16;
        var (id, secret) = await _apis.CreateKeyAsync($$"""{"name":"sixteen streams","max_concurrent_streams":{{Limit}}}""");
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        using var released = _apis.SlotsReleased(_apis.First);
        using var kept = _apis.SlotsKept(_apis.First);
        var cancellationToken = TestContext.Current.CancellationToken;

        // The other replica runs three quarters of the limit; spares are granted only up to there, so none is left.
        var running = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < Limit * 3 / 4; i++)
            {
                running.Add(await SseClient.PostAsync(second, s_longStream, cancellationToken));
                Assert.Equal(HttpStatusCode.OK, running[^1].StatusCode);
            }

            Assert.Equal(Limit * 3 / 4, await SlotsInRedisAsync(id));

            // This replica's stream found the key past three quarters: its slot goes back, though one spare is wanted.
            await StreamAsync(first, "one stream");
            await released.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
            Assert.Equal((0L, (long)(Limit * 3 / 4)), (kept.Total, await SlotsInRedisAsync(id)));
        }
        finally
        {
            running.ForEach(response => response.Dispose());
        }
    }

    [Fact]
    public async Task A_key_without_rate_limits_keeps_no_window_until_it_gets_one()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"no rate limits"}""");
        using var client = GovernedApis.Client(_apis.First, secret);
        using var admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
        var window = $"openchat:limits:{id}:rate";

        using (var unlimited = await GovernedApis.ChatAsync(client, "no window"))
        {
            Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
            Assert.False(unlimited.Headers.Contains("x-ratelimit-limit-requests"));
        }

        Assert.False(await _redis.GetDatabase().KeyExistsAsync(window));

        using var limited = await admin.PatchAsync($"/admin/keys/{id}",
            new StringContent("""{"rpm":2}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        _apis.Time.Advance(TimeSpan.FromMilliseconds(500));

        // The window starts with the first request after the limit: the earlier one is not in it.
        using var one = await GovernedApis.ChatAsync(client, "one");
        using var two = await GovernedApis.ChatAsync(client, "two");
        using var three = await GovernedApis.ChatAsync(client, "three");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [one.StatusCode, two.StatusCode, three.StatusCode]);
        Assert.Equal(("1", "0"), (Header(one, "x-ratelimit-remaining-requests"), Header(two, "x-ratelimit-remaining-requests")));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync(window));
    }

    /// <summary>Streams one short completion to its end.</summary>
    private static async Task StreamAsync(HttpClient client, string message)
    {
        using var response = await SseClient.PostAsync(client, SseClient.ChatJson(message), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"You said: {message}", SseClient.Content(SseClient.Events(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))));
    }

    /// <summary>The key's stream slots in Redis, spares included.</summary>
    private Task<long> SlotsInRedisAsync(string keyId) => _redis.GetDatabase().SortedSetLengthAsync($"openchat:limits:{keyId}:streams");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");
}

public sealed class GarnetReplicaLimitsTests() : ReplicaLimitsTests(new GarnetTestServer());

public sealed class RedisServerReplicaLimitsTests() : ReplicaLimitsTests(new RedisServerTestServer());
