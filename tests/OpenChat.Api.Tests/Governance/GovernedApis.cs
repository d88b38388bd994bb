using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Relay;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>
/// Two Api replicas in front of one simulator and one real Redis, on one <see cref="FakeTimeProvider"/>: rate
/// windows, key caches and stream leases move only when a test advances the clock. The first replica can be
/// made to reach Redis through a <see cref="TcpRelay"/> that the test cuts, as if that replica's machine died.
/// </summary>
public sealed class GovernedApis : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private GovernedApis(ApiTestHost host, KestrelAppFactory<ChatCompletionHandler> second, FakeTimeProvider time, TcpRelay? firstLink)
    {
        Host = host;
        SecondReplica = second;
        Time = time;
        FirstLink = firstLink;
    }

    public ApiTestHost Host { get; }

    public FakeTimeProvider Time { get; }

    public TcpRelay? FirstLink { get; }

    public Uri First => Host.ApiAddress;

    public Uri Second => SecondReplica.Address;

    internal KestrelAppFactory<ChatCompletionHandler> SecondReplica { get; }

    /// <param name="server">The running Redis both replicas share.</param>
    /// <param name="settings">Api settings for both replicas.</param>
    /// <param name="cuttableFirst">Whether the first replica reaches Redis through a relay the test can cut.</param>
    public static GovernedApis Start(IRedisTestServer server, IReadOnlyDictionary<string, string?>? settings = null, bool cuttableFirst = false)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var link = cuttableFirst ? new TcpRelay(IPEndPoint.Parse(server.ConnectionString)) : null;
        var apiSettings = new Dictionary<string, string?>
        {
            // Generous, so a busy machine's first connection never counts as Redis being down; a Redis that is
            // really down answers at once (no connection).
            ["OpenChat:Governance:RedisTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            apiSettings[key] = value;
        }

        var host = ApiTestHost.Start(api: apiSettings, redis: link?.ConnectionString ?? server.ConnectionString,
            configureApi: services => services
                .AddSingleton<TimeProvider>(time)
                // A replica cut off from Redis cannot drain its transcripts and usage: it gives up at once.
                .Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1)));
        var second = host.StartReplica(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = ApiTestHost.RedisConnectionString(server.ConnectionString) });
        return new GovernedApis(host, second, time, link);
    }

    public static HttpClient Client(Uri replica, string key) => ApiTestHost.CreateClient(replica, key);

    /// <summary>Creates a managed key through the first replica's admin API.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string json)
    {
        using var admin = Client(First, ApiTestHost.AdminKey);
        using var response = await admin.PostAsync("/admin/keys", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>Counts completions whose usage a replica has stored.</summary>
    public CounterSignal UsageRecorded(Uri replica) => Signal(replica, "openchat.usage.recorded");

    /// <summary>Counts stream slots a replica has given back in Redis.</summary>
    public CounterSignal SlotsReleased(Uri replica) => Signal(replica, "openchat.governance.stream_slots.released");

    /// <summary>Counts streams a replica admitted on spare slots, without asking Redis.</summary>
    public CounterSignal SparesTaken(Uri replica) => Signal(replica, "openchat.governance.stream_slots.spares_taken");

    /// <summary>Counts the times a replica's streams waited for another stream of their key to bring spares from Redis.</summary>
    public CounterSignal RefillWaits(Uri replica) => Signal(replica, "openchat.governance.stream_slots.refill_waits");

    /// <summary>Counts ended streams' slots a replica kept as spares instead of giving them back.</summary>
    public CounterSignal SlotsKept(Uri replica) => Signal(replica, "openchat.governance.stream_slots.kept");

    /// <summary>Counts one of a replica's counters.</summary>
    public CounterSignal Signal(Uri replica, string instrument) => new(
        (replica == First ? Host.Api.Services : SecondReplica.Services).GetRequiredService<IMeterFactory>().Create(OpenChatTelemetry.Name),
        instrument);

    public static Task<HttpResponseMessage> ChatAsync(HttpClient client, string message, bool stream = false, string model = "gpt-4o-mini") =>
        client.PostAsync("/v1/chat/completions", new StringContent(SseClient.ChatJson(message, stream, model), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (FirstLink is not null)
        {
            await FirstLink.DisposeAsync();
        }
    }
}
