using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Relay;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// The model simulator (or several, one per upstream), optionally the Tools service, and the Api in front of them,
/// each on real Kestrel at a loopback port, configured as the AppHost configures them but with no delays. Settings
/// passed in override the defaults, so a test can shorten a timeout or switch a feature off.
/// </summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    public const string GatewayKey = "test-gateway-key-0123456789";
    public const string OtherKey = "other-gateway-key-0123456789";
    public const string AdminKey = "admin-gateway-key-0123456789";
    public const string ProviderKey = "provider-key-0123456789";

    private readonly Dictionary<string, string?> _apiSettings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _configureApi;
    private readonly List<KestrelAppFactory<ChatCompletionHandler>> _replicas = [];

    private ApiTestHost(
        Dictionary<string, KestrelAppFactory<SimulatorJournal>> simulators,
        IAsyncDisposable? tools,
        KestrelAppFactory<ChatCompletionHandler> api,
        Dictionary<string, string?> apiSettings,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureApi)
    {
        Simulators = simulators;
        Simulator = simulators.Values.First();
        Tools = tools;
        Api = api;
        _apiSettings = apiSettings;
        _configureApi = configureApi;
    }

    /// <summary>The simulator, or the first of several.</summary>
    public KestrelAppFactory<SimulatorJournal> Simulator { get; }

    /// <summary>Every simulator, by upstream name.</summary>
    public IReadOnlyDictionary<string, KestrelAppFactory<SimulatorJournal>> Simulators { get; }

    public IAsyncDisposable? Tools { get; }

    internal KestrelAppFactory<ChatCompletionHandler> Api { get; }

    public SimulatorJournal Journal => Simulator.Services.GetRequiredService<SimulatorJournal>();

    /// <summary>The journal of the simulator behind one upstream.</summary>
    public SimulatorJournal JournalOf(string upstream) => Simulators[upstream].Services.GetRequiredService<SimulatorJournal>();

    public Uri ApiAddress => Api.Address;

    /// <param name="api">Api settings that replace or add to the defaults.</param>
    /// <param name="simulator">Simulator settings that replace or add to the defaults.</param>
    /// <param name="toolsAddress">A running Tools service, or null for none (the Api then offers no server tools).</param>
    /// <param name="tools">The Tools service host, disposed with this host.</param>
    /// <param name="upstream">An upstream other than the simulator, for failure tests.</param>
    /// <param name="redis">A Redis connection string: transcripts are on and stored there.</param>
    /// <param name="configureApi">Extra service configuration for the Api, such as telemetry exporters.</param>
    /// <param name="upstreams">
    /// Several upstreams, a simulator each (with <paramref name="simulator"/>'s settings too), configured as
    /// <c>OpenChat:Upstreams:&lt;name&gt;</c> serving <c>*</c> unless their settings say otherwise; null for the one
    /// simulator as the shorthand <c>OpenChat:Upstream</c>.
    /// </param>
    public static ApiTestHost Start(
        IReadOnlyDictionary<string, string?>? api = null,
        IReadOnlyDictionary<string, string?>? simulator = null,
        Uri? toolsAddress = null,
        IAsyncDisposable? tools = null,
        Uri? upstream = null,
        string? redis = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureApi = null,
        IReadOnlyList<SimulatedUpstream>? upstreams = null)
    {
        var simulators = new Dictionary<string, KestrelAppFactory<SimulatorJournal>>(StringComparer.Ordinal);
        var upstreamSettings = new Dictionary<string, string?>();
        foreach (var simulated in upstreams ?? [new SimulatedUpstream(OpenChat.Api.Upstream.UpstreamOptions.ShorthandName)])
        {
            var factory = new KestrelAppFactory<SimulatorJournal>(Merge(Merge(new()
            {
                ["Simulator:TimeToFirstToken"] = "00:00:00",
                ["Simulator:InterTokenDelay"] = "00:00:00",
                ["Simulator:ApiKey"] = ProviderKey,
                ["Simulator:Name"] = simulated.Name,
            }, simulator), simulated.Simulator));
            simulators[simulated.Name] = factory;
            var address = factory.Start();
            var section = upstreams is null ? "OpenChat:Upstream" : $"OpenChat:Upstreams:{simulated.Name}";
            upstreamSettings[$"{section}:BaseUrl"] = (upstream ?? new Uri(address, "/v1")).ToString();
            upstreamSettings[$"{section}:ApiKey"] = ProviderKey;
            upstreamSettings[$"{section}:RetryBaseDelay"] = "00:00:00.010";
            upstreamSettings[$"{section}:MaxRetryDelay"] = "00:00:01";
            if (upstreams is not null)
            {
                upstreamSettings[$"{section}:Models:0"] = "*";
            }

            foreach (var (key, value) in simulated.Upstream ?? new Dictionary<string, string?>())
            {
                upstreamSettings[$"{section}:{key}"] = value;
            }
        }

        var apiSettings = Merge(Merge(new()
        {
            ["OpenChat:ApiKeys:0"] = GatewayKey,
            ["OpenChat:ApiKeys:1"] = OtherKey,
            ["OpenChat:AdminKeys:0"] = AdminKey,
            ["OpenChat:Transcripts:Enabled"] = redis is null ? "false" : "true",
            ["OpenChat:Governance:Enabled"] = redis is null ? "false" : "true",
            ["OpenChat:Transcripts:MaxRetryDelay"] = "00:00:00.200",
            ["ConnectionStrings:redis"] = redis is null ? null : RedisConnectionString(redis),
            ["OpenChat:Tools:ServiceKey"] = ToolsServiceKey.Value,
            ["OpenChat:Tools:InitialCatalogWait"] = toolsAddress is null ? "00:00:00" : "00:00:10",
            // Nothing listens on port 9 of loopback: without a Tools service the catalog stays empty.
            ["services:tools:http:0"] = (toolsAddress ?? new Uri("http://127.0.0.1:9")).ToString(),
        }, upstreamSettings), api);
        var apiFactory = new KestrelAppFactory<ChatCompletionHandler>(apiSettings, configureApi);
        apiFactory.Start();
        if (redis is not null)
        {
            AwaitRedisConnected(apiFactory);
        }

        return new ApiTestHost(simulators, tools, apiFactory, apiSettings, configureApi);
    }

    /// <summary>
    /// A replica's connection string to the Redis at <paramref name="address"/>. A command slower than
    /// <c>asyncTimeout</c> counts as Redis away (a 503 <c>store_unavailable</c>), and on the two-core CI machine
    /// running the test projects side by side one took over a second, so it is generous; the outages these tests
    /// make close the connection (a cut relay, a stopped server), which the client sees at once, not by this timeout.
    /// </summary>
    internal static string RedisConnectionString(string address) => $"{address},connectTimeout=1000,asyncTimeout=10000";

    /// <summary>Starts the Tools service as well, so the Api offers and runs server tools.</summary>
    public static ApiTestHost StartWithTools(
        IReadOnlyDictionary<string, string?>? api = null,
        IReadOnlyDictionary<string, string?>? simulator = null,
        string? redis = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureApi = null,
        IReadOnlyList<SimulatedUpstream>? upstreams = null)
    {
        var tools = new KestrelAppFactory<OpenChat.Tools.Catalog.ToolCatalog>(ToolsServiceKey.Settings());
        var address = tools.Start();
        return Start(api, simulator, address, tools, redis: redis, configureApi: configureApi, upstreams: upstreams);
    }

    /// <summary>Counts transcripts as the Api's writer stores them (the <c>openchat.transcripts.written</c> counter).</summary>
    public CounterSignal TranscriptsWritten() => Signal("openchat.transcripts.written");

    /// <summary>Counts one of the Api's counters.</summary>
    public CounterSignal Signal(string instrument) => new(
        Api.Services.GetRequiredService<IMeterFactory>().Create(OpenChat.Api.Telemetry.OpenChatTelemetry.Name),
        instrument);

    /// <summary>
    /// Lets a test's first request find Redis connected: the Api connects in the background, and on a busy machine
    /// its first attempt can miss and the next come a moment later. Waits for the connection's own signal, bounded;
    /// a Redis that stays away is the test's business.
    /// </summary>
    private static void AwaitRedisConnected(KestrelAppFactory<ChatCompletionHandler> api)
    {
        var wait = TimeSpan.FromSeconds(30);
        var database = api.Services.GetRequiredService<OpenChat.Api.Redis.RedisConnection>().GetDatabaseAsync().WaitAsync(wait).GetAwaiter().GetResult();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        database.Multiplexer.ConnectionRestored += (_, _) => connected.TrySetResult();
        if (!database.Multiplexer.IsConnected)
        {
            connected.Task.Wait(wait);
        }
    }

    /// <summary>
    /// Another Api replica in front of the same simulator, Tools and Redis, configured as the first but for
    /// <paramref name="overrides"/>; disposed with this host unless the test disposes it first.
    /// </summary>
    internal KestrelAppFactory<ChatCompletionHandler> StartReplica(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Merge(new(_apiSettings), overrides);
        var replica = new KestrelAppFactory<ChatCompletionHandler>(settings, _configureApi);
        replica.Start();
        _replicas.Add(replica);
        if (settings.GetValueOrDefault("ConnectionStrings:redis") is not null)
        {
            AwaitRedisConnected(replica);
        }

        return replica;
    }

    public HttpClient CreateClient(string? key = GatewayKey) => CreateClient(ApiAddress, key);

    public static HttpClient CreateClient(Uri address, string? key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await Api.DisposeAsync();
        if (Tools is not null)
        {
            await Tools.DisposeAsync();
        }

        foreach (var simulator in Simulators.Values)
        {
            await simulator.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> defaults, IReadOnlyDictionary<string, string?>? overrides)
    {
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            defaults[key] = value;
        }

        return defaults;
    }
}
