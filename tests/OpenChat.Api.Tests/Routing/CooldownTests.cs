using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Tests.Routing;

/// <summary>
/// Passive health: an upstream that keeps failing is left alone for its cooldown, then probed by one request. The
/// Api's clock is a <see cref="FakeTimeProvider"/>, so a cooldown ends exactly when the test moves the clock past it.
/// </summary>
public sealed class CooldownTests : IAsyncLifetime
{
    private const string Primary = "primary";
    private const string Fallback = "fallback";
    private static readonly TimeSpan s_cooldown = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private ApiTestHost _host = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(
            api: new Dictionary<string, string?>
            {
                ["OpenChat:Routing:FailureThreshold"] = "2",
                ["OpenChat:Routing:Cooldown"] = s_cooldown.ToString(),
            },
            upstreams:
            [
                new SimulatedUpstream(Primary),
                new SimulatedUpstream(Fallback, new Dictionary<string, string?> { ["Priority"] = "1" }),
            ],
            configureApi: services => services.AddSingleton<TimeProvider>(_time));
        _client = _host.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_upstream_that_keeps_failing_is_not_called_during_its_cooldown_and_is_probed_after_it()
    {
        await FailPrimaryAsync(times: 2);
        var during = await ServedByAsync(times: 3);
        _time.Advance(s_cooldown - TimeSpan.FromSeconds(1));
        var justBefore = await ServedByAsync(times: 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await ServedByAsync(times: 2);

        Assert.Equal([Fallback, Fallback, Fallback], during);
        Assert.Equal([Fallback], justBefore);
        Assert.Equal([Primary, Primary], after);
    }

    [Fact]
    public async Task A_probe_that_fails_sends_the_upstream_back_into_its_cooldown()
    {
        await FailPrimaryAsync(times: 2);
        _time.Advance(s_cooldown);
        var probe = Scripts.NewId();
        await SendAsync(Scripts.Chat(probe, $"\"status\":503,\"fail_on\":[\"{Primary}\"]"));
        var afterProbe = await ServedByAsync(times: 2);

        Assert.Equal(1, _host.JournalOf(Primary).Received(probe));
        Assert.Equal(1, _host.JournalOf(Fallback).Received(probe));
        Assert.Equal([Fallback, Fallback], afterProbe);
    }

    [Fact]
    public async Task A_429_takes_the_upstream_out_at_once_for_its_retry_after()
    {
        var limited = Scripts.NewId();
        await SendAsync(Scripts.Chat(limited, $"\"status\":429,\"retry_after\":60,\"fail_on\":[\"{Primary}\"]"));
        _time.Advance(TimeSpan.FromSeconds(59));
        var during = await ServedByAsync(times: 2);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await ServedByAsync(times: 1);

        Assert.Equal(1, _host.JournalOf(Fallback).Received(limited));
        Assert.Equal([Fallback, Fallback], during);
        Assert.Equal([Primary], after);
    }

    [Fact]
    public async Task Health_admin_and_metrics_show_an_upstream_out_of_service_and_back()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var failedAt = _time.GetUtcNow();
        await FailPrimaryAsync(times: 2);

        var health = await _host.Api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
        using var healthResponse = await _client.GetAsync("/health", cancellationToken);
        var admin = await AdminViewAsync(Primary);
        var states = States();
        using var forbidden = await _client.GetAsync("/admin/upstreams", cancellationToken);

        Assert.Equal(HealthStatus.Degraded, health.Entries["upstreams"].Status);
        Assert.Equal("cooling_down", health.Entries["upstreams"].Data[Primary]);
        Assert.Equal("healthy", health.Entries["upstreams"].Data[Fallback]);
        Assert.Equal("Degraded", await healthResponse.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal("cooling_down", admin.GetProperty("state").GetString());
        Assert.Equal(failedAt + s_cooldown, admin.GetProperty("cooldown_until").GetDateTimeOffset());
        Assert.Equal(2, admin.GetProperty("consecutive_failures").GetInt32());
        Assert.StartsWith("503", admin.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(_host.Simulators[Primary].Address.Authority, admin.GetProperty("host").GetString());
        Assert.DoesNotContain(ApiTestHost.ProviderKey, admin.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, states[Primary]);
        Assert.Equal(0, states[Fallback]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        _time.Advance(s_cooldown);
        await ServedByAsync(times: 1);

        Assert.Equal(HealthStatus.Healthy, (await _host.Api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken)).Status);
        Assert.Equal("healthy", (await AdminViewAsync(Primary)).GetProperty("state").GetString());
        Assert.Equal(0, States()[Primary]);
    }

    private async Task FailPrimaryAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            var id = Scripts.NewId();
            await SendAsync(Scripts.Chat(id, $"\"status\":503,\"fail_on\":[\"{Primary}\"]"));
            Assert.Equal(1, _host.JournalOf(Primary).Received(id));
        }
    }

    /// <summary>Sends plain requests one after another and says which upstream answered each.</summary>
    private async Task<List<string>> ServedByAsync(int times)
    {
        var servedBy = new List<string>();
        for (var i = 0; i < times; i++)
        {
            var id = Scripts.NewId();
            await SendAsync(Scripts.Chat(id));
            servedBy.Add(_host.Simulators.Keys.Single(name => _host.JournalOf(name).Received(id) == 1));
        }

        return servedBy;
    }

    private async Task SendAsync(string json)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var response = await SseClient.PostAsync(_client, json, cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
    }

    private async Task<JsonElement> AdminViewAsync(string upstream)
    {
        using var admin = _host.CreateClient(ApiTestHost.AdminKey);
        var list = JsonDocument.Parse(await admin.GetStringAsync("/admin/upstreams", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("list", list.GetProperty("object").GetString());
        return list.GetProperty("data").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == upstream);
    }

    /// <summary>The <c>openchat.upstream.state</c> gauge, read now, by upstream.</summary>
    private Dictionary<string, int> States()
    {
        var meter = _host.Api.Services.GetRequiredService<IMeterFactory>().Create(OpenChatTelemetry.Name);
        var states = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "openchat.upstream.state")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "openchat.upstream.name")
                {
                    states[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return states;
    }
}
