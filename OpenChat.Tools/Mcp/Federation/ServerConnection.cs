using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// One live session with an external server and the work that watches it: reading its tool list again when the
/// server says it changed and every <c>RefreshInterval</c> (which also notices a server that went away while idle,
/// and follows one that cannot announce changes), holding a <c>subscriptions/listen</c> stream open on revisions
/// that deliver notifications that way, and noticing the session's end. Whichever notices first that the server is
/// gone marks the connection lost, and the server connects again.
/// </summary>
internal sealed class ServerConnection : IAsyncDisposable
{
    // The first revision without the initialize handshake, where list changes come only over subscriptions/listen.
    private const string SubscriptionsProtocolVersion = "2026-07-28";

    private readonly ExternalMcpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _refreshRequests;
    private Task[] _work = [];

    public ServerConnection(ExternalMcpServer server, McpClient client, Channel<bool> refreshRequests)
    {
        _server = server;
        Client = client;
        _refreshRequests = refreshRequests;
    }

    public McpClient Client { get; }

    /// <summary>Starts the watching work, once the server's tools are in the catalog.</summary>
    public void StartWatching()
    {
        var listens = string.CompareOrdinal(Client.NegotiatedProtocolVersion, SubscriptionsProtocolVersion) >= 0;
        _work =
        [
            RefreshAsync(_refreshRequests.Reader),
            RequestRefreshesAsync(_refreshRequests.Writer),
            WatchSessionAsync(),
            listens ? ListenAsync() : Task.CompletedTask,
        ];
    }

    public void MarkLost(string reason) => _lost.TrySetResult(reason);

    /// <summary>Why the connection was lost, once it is.</summary>
    public Task<string> WaitUntilLostAsync(CancellationToken cancellationToken) => _lost.Task.WaitAsync(cancellationToken);

    /// <summary>Stops the watching work; each piece ends at once on cancellation.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_work);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            // Disposing may tell the server the session ended; a server that does not answer must not hold this up.
            await Client.DisposeAsync().AsTask().WaitAsync(_server.Timeout, _server.TimeProvider);
        }
        catch (Exception)
        {
            // The session is over either way (whatever closing it threw: a timeout, the transport's error, its own
            // cancellation), and the server's reconnect loop, which disposes it, must go on.
        }

        _stop.Dispose();
    }

    private async Task RefreshAsync(ChannelReader<bool> refreshRequests)
    {
        try
        {
            await foreach (var _ in refreshRequests.ReadAllAsync(_stop.Token))
            {
                using var deadline = new Deadline(_server.Timeout, _server.TimeProvider, _stop.Token);
                try
                {
                    await _server.PublishToolsAsync(Client, deadline.Token);
                }
                catch (Exception exception)
                {
                    // Once the connection is stopping, whatever the call in flight throws (the transport that closed
                    // under it as well as the cancellation) is the stop's doing. Letting it out would fail the stop,
                    // and with it the server's reconnect loop.
                    if (!_stop.IsCancellationRequested)
                    {
                        MarkLost(deadline.Expired ? "no answer to tools/list in time" : $"tools/list failed: {ExternalMcpServer.Describe(exception)}");
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task RequestRefreshesAsync(ChannelWriter<bool> refreshRequests)
    {
        using var timer = new PeriodicTimer(_server.RefreshInterval, _server.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                refreshRequests.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task WatchSessionAsync()
    {
        try
        {
            var completion = await Client.Completion.WaitAsync(_stop.Token);
            MarkLost(completion.Exception is { } exception ? $"the session ended: {exception.Message}" : "the session ended");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>
    /// Holds <c>subscriptions/listen</c> open for tool list changes. The stream breaking is also the quickest sign
    /// that the server went away; a server that refuses it is still there, and is followed by the periodic refresh.
    /// </summary>
    private async Task ListenAsync()
    {
        var request = new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = JsonSerializer.SerializeToNode(
                new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ToolsListChanged = true } },
                McpJsonUtilities.DefaultOptions),
        };
        try
        {
            await Client.SendRequestAsync(request, _stop.Token);
            FederationLog.NoSubscriptions(_server.Logger, _server.Name, "it answered instead of holding the stream open");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (McpProtocolException exception)
        {
            FederationLog.NoSubscriptions(_server.Logger, _server.Name, exception.Message);
        }
        catch (Exception exception)
        {
            MarkLost($"its notification stream broke: {ExternalMcpServer.Describe(exception)}");
        }
    }
}
