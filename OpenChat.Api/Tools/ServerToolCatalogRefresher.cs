using Microsoft.Extensions.Options;

namespace OpenChat.Api.Tools;

/// <summary>Reads the catalog at start-up and then every refresh interval; a failed read keeps the last set.</summary>
internal sealed class ServerToolCatalogRefresher(
    ServerToolCatalog catalog,
    ToolsServiceClient client,
    IOptions<ServerToolOptions> options,
    TimeProvider timeProvider,
    ILogger<ServerToolCatalogRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Mode == ServerToolMode.None)
        {
            catalog.Update(ServerToolSet.Empty);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = options.Value.CatalogRefreshInterval;
            try
            {
                var tools = await client.GetCatalogAsync(stoppingToken);
                catalog.Update(tools);
                ToolLog.CatalogLoaded(logger, tools.Tools.Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                ToolLog.CatalogUnavailable(logger, exception);
                delay = s_retryDelay < delay ? s_retryDelay : delay;
            }

            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
