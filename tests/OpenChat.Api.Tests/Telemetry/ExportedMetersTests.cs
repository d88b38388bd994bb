using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenChat.Api.Tests.Infrastructure;
using OpenTelemetry.Metrics;

namespace OpenChat.Api.Tests.Telemetry;

/// <summary>What the services' shared metrics pipeline (ServiceDefaults) records once an exporter is attached.</summary>
public sealed class ExportedMetersTests
{
    [Fact]
    public void Kestrels_memory_pool_is_never_recorded_while_the_request_metrics_are_exported()
    {
        var exported = new LockedCollection<Metric>();
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var provider = host.Services.GetRequiredService<MeterProvider>();

        // The meters by the names ASP.NET Core gives them; the instruments are this test's own.
        using var pool = new Meter(Extensions.KestrelMemoryPoolMeter);
        var rented = pool.CreateCounter<long>("aspnetcore.memory_pool.rented");
        using var hosting = new Meter("Microsoft.AspNetCore.Hosting");
        var requests = hosting.CreateHistogram<double>("http.server.request.duration");
        rented.Add(1);
        requests.Record(0.01);
        provider.ForceFlush();

        Assert.False(rented.Enabled);
        Assert.True(requests.Enabled);
        var names = exported.Select(metric => metric.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.DoesNotContain("aspnetcore.memory_pool.rented", names);
    }
}
