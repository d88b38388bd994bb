using OpenChat.Testing;
using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>
/// Redis goes away while completions keep flowing and comes back: every completion served meanwhile ends up
/// stored, and none of them waited for Redis.
/// </summary>
public abstract class RedisOutageTests(IRedisTestServer server) : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private ApiTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await server.StartAsync();
        _host = ApiTestHost.Start(redis: server.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Completions_served_while_redis_is_down_are_all_stored_once_it_is_back()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var written = _host.TranscriptsWritten();
        using var client = _host.CreateClient();

        await server.StopAsync();
        // Each stream runs to its [DONE] with Redis down. Had any of them waited for its transcript to be
        // stored, this would never finish: Redis only comes back after all of them are done.
        var ids = new List<string>();
        foreach (var i in Enumerable.Range(0, 20))
        {
            using var response = await SseClient.PostAsync(client, SseClient.ChatJson($"during the outage {i}", stream: i % 2 == 0), cancellationToken)
                .WaitAsync(s_timeout, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"during the outage {i}", i % 2 == 0 ? SseClient.Content(SseClient.Events(body)) : body, StringComparison.Ordinal);
            ids.Add(response.Headers.GetValues("X-Transcript-Id").Single());
        }

        Assert.Equal(0, written.Total);
        await server.StartAsync();
        await written.WaitForTotalAsync(ids.Count, s_timeout, cancellationToken);

        foreach (var id in ids)
        {
            using var response = await client.GetAsync($"/v1/transcripts/{id}", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("completed", JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("status").GetString());
        }
    }
}

public sealed class GarnetOutageTests() : RedisOutageTests(new GarnetTestServer());

public sealed class RedisServerOutageTests() : RedisOutageTests(new RedisServerTestServer());
