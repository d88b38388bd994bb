using System.Globalization;
using System.Net.Http.Headers;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;

namespace OpenChat.Chaos.Tests;

/// <summary>
/// The system under chaos, all on loopback: a durable <c>redis-server</c>, the model simulator (in this process),
/// and Tools and the Api as child processes in the Production environment, configured as deploy/ configures them
/// (service key, gateway and admin keys, transcripts and governance on) with limits generous enough for the load
/// and a short shutdown grace. Tools and Redis can be killed and started again on the same ports.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    public const string GatewayKey = "chaos-gateway-key-0123456789";
    public const string AdminKey = "chaos-admin-key-0123456789";
    private const string ProviderKey = "chaos-provider-key-0123456789";

    private readonly RedisServerTestServer _redis = RedisServerTestServer.Durable();
    private readonly KestrelAppFactory<SimulatorJournal> _simulator;
    private readonly int _toolsPort = FreePort.Next();
    private readonly int _apiPort = FreePort.Next();
    private ServiceProcess? _tools;
    private ServiceProcess? _api;

    private ChaosCluster(TimeSpan timeToFirstToken, TimeSpan interTokenDelay)
    {
        _simulator = new KestrelAppFactory<SimulatorJournal>(new Dictionary<string, string?>
        {
            ["Simulator:TimeToFirstToken"] = timeToFirstToken.ToString("c", CultureInfo.InvariantCulture),
            ["Simulator:InterTokenDelay"] = interTokenDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Simulator:ApiKey"] = ProviderKey,
        });
    }

    public Uri ApiAddress => new($"http://127.0.0.1:{_apiPort}");

    public ServiceProcess Api => _api ?? throw new InvalidOperationException("The Api has not started.");

    public static async Task<ChaosCluster> StartAsync(TimeSpan timeToFirstToken, TimeSpan interTokenDelay)
    {
        var cluster = new ChaosCluster(timeToFirstToken, interTokenDelay);
        try
        {
            await cluster._redis.StartAsync();
            cluster._simulator.Start();
            await cluster.StartToolsAsync();
            cluster._api = await ServiceProcess.StartAsync(ServiceAssemblies.PathOf("OpenChat.Api"), cluster.ApiEnvironment());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task KillToolsAsync()
    {
        if (_tools is not null)
        {
            await _tools.DisposeAsync();
            _tools = null;
        }
    }

    public async Task StartToolsAsync() => _tools = await ServiceProcess.StartAsync(ServiceAssemblies.PathOf("OpenChat.Tools"), new Dictionary<string, string>(Production)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_toolsPort}",
        ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey.Value,
    });

    public Task StopRedisAsync() => _redis.StopAsync();

    public Task StartRedisAsync() => _redis.StartAsync();

    public HttpClient CreateClient(string key, int maxConnections)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = ApiAddress,
            // Each request has its own deadline.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_api is not null)
            {
                await _api.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                await KillToolsAsync();
            }
            finally
            {
                try
                {
                    await _simulator.DisposeAsync();
                }
                finally
                {
                    await _redis.DisposeAsync();
                }
            }
        }
    }

    private static Dictionary<string, string> Production => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    private Dictionary<string, string> ApiEnvironment() => new(Production)
    {
        ["ASPNETCORE_URLS"] = ApiAddress.ToString(),
        ["OpenChat__ApiKeys__0"] = GatewayKey,
        ["OpenChat__AdminKeys__0"] = AdminKey,
        ["OpenChat__Upstream__BaseUrl"] = new Uri(_simulator.Address, "/v1").ToString(),
        ["OpenChat__Upstream__ApiKey"] = ProviderKey,
        ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey.Value,
        ["ConnectionStrings__redis"] = _redis.ConnectionString,
        ["services__tools__http__0"] = $"http://127.0.0.1:{_toolsPort}",
        ["OpenChat__Transcripts__Enabled"] = "true",
        ["OpenChat__Governance__Enabled"] = "true",
        // One key carries the whole load: its default of 100 concurrent streams would refuse half of it.
        ["OpenChat__Governance__DefaultMaxConcurrentStreams"] = "1000",
        ["OpenChat__ShutdownTimeout"] = "00:00:05",
    };
}
