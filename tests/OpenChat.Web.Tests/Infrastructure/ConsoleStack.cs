using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Relay;
using OpenChat.Api.Telemetry;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Web.Components;

namespace OpenChat.Web.Tests.Infrastructure;

/// <summary>
/// Everything the console needs, each on real Kestrel at a loopback port, started once for the test run: Garnet
/// (transcripts), the Tools service, the model simulator, the Api in front of them, and the console in front of
/// the Api, which it reaches only by its address.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    public const string GatewayKey = "web-gateway-key-0123456789";

    /// <summary>A key only the transcript listing tests use, so its list holds only what they made.</summary>
    public const string ListingKey = "web-listing-key-0123456789";

    public const string AdminKey = "web-admin-key-0123456789";

    public const string DashboardUrl = "http://127.0.0.1:18888/";

    private const string ProviderKey = "web-provider-key-0123456789";

    private readonly GarnetTestServer _redis = new();
    private KestrelAppFactory<ToolCatalog>? _tools;
    private KestrelAppFactory<SimulatorJournal>? _simulator;
    private KestrelAppFactory<ChatCompletionHandler>? _api;
    private KestrelAppFactory<App>? _web;

    public Uri WebAddress => _web!.Address;

    public Uri ApiAddress => _api!.Address;

    public SimulatorJournal Journal => _simulator!.Services.GetRequiredService<SimulatorJournal>();

    public async ValueTask InitializeAsync()
    {
        await _redis.StartAsync();
        _tools = new KestrelAppFactory<ToolCatalog>(ToolsServiceKey.Settings());
        var tools = _tools.Start();
        _simulator = new KestrelAppFactory<SimulatorJournal>(new Dictionary<string, string?>
        {
            ["Simulator:TimeToFirstToken"] = "00:00:00",
            ["Simulator:InterTokenDelay"] = "00:00:00",
            ["Simulator:ApiKey"] = ProviderKey,
        });
        var simulator = _simulator.Start();
        _api = new KestrelAppFactory<ChatCompletionHandler>(new Dictionary<string, string?>
        {
            ["OpenChat:ApiKeys:0"] = GatewayKey,
            ["OpenChat:ApiKeys:1"] = ListingKey,
            ["OpenChat:AdminKeys:0"] = AdminKey,
            ["OpenChat:Upstream:BaseUrl"] = new Uri(simulator, "/v1").ToString(),
            ["OpenChat:Upstream:ApiKey"] = ProviderKey,
            // An upstream refusal goes to the console at once, as the error to show.
            ["OpenChat:Upstream:MaxRetries"] = "0",
            ["ConnectionStrings:redis"] = _redis.ConnectionString,
            // A revoked key is refused at once (the governance work caches keys; an Api without it ignores this).
            ["OpenChat:Governance:KeyCacheTime"] = "00:00:00",
            ["OpenChat:Tools:ServiceKey"] = ToolsServiceKey.Value,
            ["OpenChat:Tools:InitialCatalogWait"] = "00:00:10",
            ["services:tools:http:0"] = tools.ToString(),
        });
        var api = _api.Start();
        _web = new KestrelAppFactory<App>(new Dictionary<string, string?>
        {
            ["OpenChat:Web:ApiBaseUrl"] = api.ToString(),
            ["OpenChat:Web:DashboardUrl"] = DashboardUrl,
        });
        _web.Start();
    }

    /// <summary>A client of the Api itself, for what a test prepares or checks behind the console's back.</summary>
    public HttpClient CreateApiClient(string key) => new()
    {
        BaseAddress = ApiAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new("Bearer", key) },
    };

    /// <summary>Counts transcripts as the Api's writer stores them (the <c>openchat.transcripts.written</c> counter).</summary>
    public CounterSignal TranscriptsWritten() => new(
        _api!.Services.GetRequiredService<IMeterFactory>().Create(OpenChatTelemetry.Name),
        "openchat.transcripts.written");

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { _web, _api, _simulator, _tools })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await _redis.DisposeAsync();
    }
}
