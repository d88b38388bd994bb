using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OpenChat.EndToEnd.Tests;

/// <summary>
/// Starts the whole AppHost once for the test class, as <c>dotnet run --project OpenChat.AppHost</c> would on a
/// machine without a container engine or a model account: Garnet, the Tools service, the model simulator, the
/// Api and the web console, each waited for until healthy.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const string GatewayKey = "e2e-gateway-key-0123456789abcdef";

    /// <summary>Given rather than generated, so a test run writes nothing into the AppHost's user secrets.</summary>
    private const string ToolsServiceKey = "e2e-tools-service-key-0123456789abcdef";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(s_startTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenChat_AppHost>(
            [$"--Parameters:gateway-key={GatewayKey}", $"--Parameters:tools-service-key={ToolsServiceKey}"], cancellation.Token);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        _app = await builder.BuildAsync(cancellation.Token);
        await _app.StartAsync(cancellation.Token);
        foreach (var resource in new[] { "redis", "tools", "simulator", "api", "web" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellation.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
