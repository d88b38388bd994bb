using Microsoft.Extensions.Options;

namespace OpenChat.Api.Tools;

/// <summary>
/// The server tools known right now, read from OpenChat.Tools by <see cref="ServerToolCatalogRefresher"/>.
/// Requests read the current set without waiting, except the first ones after start-up, which wait a
/// moment for the first read so that a fresh Api does not answer without its tools.
/// </summary>
internal sealed class ServerToolCatalog(IOptions<ServerToolOptions> options, TimeProvider timeProvider)
{
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ServerToolSet _current = ServerToolSet.Empty;

    public ServerToolSet Current => _current;

    public async ValueTask<ServerToolSet> GetAsync(CancellationToken cancellationToken)
    {
        if (!_firstLoad.Task.IsCompleted)
        {
            try
            {
                await _firstLoad.Task.WaitAsync(options.Value.InitialCatalogWait, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Tools is not answering yet: go on without server tools rather than hold the request.
            }
        }

        return _current;
    }

    public void Update(ServerToolSet tools)
    {
        _current = tools;
        _firstLoad.TrySetResult();
    }
}
