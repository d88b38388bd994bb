namespace OpenChat.Api.Hosting;

/// <summary>
/// A background loop that feeds on what requests leave behind (a queue) and so must outlive them: it keeps
/// running while the server drains its last requests, and stops only after the server has stopped, once its
/// input is done or the host's shutdown timeout runs out.
/// </summary>
internal abstract class DrainingService : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>After the server has stopped, and with it every request that could add work.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        CompleteInput();
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A host disposed before it stopped (a test host torn down early) has cancelled the loop already.
            if (!_abort.IsCancellationRequested)
            {
                await _abort.CancelAsync();
            }

            OnAbandoned();
        }
    }

    public void Dispose()
    {
        _abort.Cancel();
        _abort.Dispose();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The loop; it ends when its input is complete and drained, or when <paramref name="abort"/> fires.</summary>
    protected abstract Task RunAsync(CancellationToken abort);

    /// <summary>No more input will come.</summary>
    protected abstract void CompleteInput();

    /// <summary>Shutdown ran out of time with work left.</summary>
    protected abstract void OnAbandoned();
}
