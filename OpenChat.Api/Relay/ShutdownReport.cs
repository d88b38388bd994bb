using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Relay;

/// <summary>Logs how many completions shutdown waits for, and how many were still running when its grace ran out.</summary>
internal sealed class ShutdownReport(ActiveCompletions active, IOptions<ShutdownOptions> options, ILogger<ShutdownReport> logger) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        RelayLog.ShutdownStarted(logger, active.Count, options.Value.ShutdownTimeout.TotalSeconds);
        return Task.CompletedTask;
    }

    /// <summary>After the server has stopped: what is still running was cut when the grace ran out.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (active.Count > 0)
        {
            RelayLog.CompletionsCutAtShutdown(logger, active.Count);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
