using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// One live session with an external server and the work that watches it: refreshing the tools when the server
/// says they changed, pinging it, holding a <c>subscriptions/listen</c> stream open on revisions that deliver
/// notifications that way, and noticing the session's end. Whichever notices first that the server is gone marks
/// the connection lost, and the server connects again.
/// </summary>
internal sealed class ServerConnection : IAsyncDisposable
{
    // The first revision without the initialize handshake, where list changes come only over subscriptions/listen.
    private const string SubscriptionsProtocolVersion = "2026-07-28";

    private readonly ExternalMcpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] _work;
    private volatile int _toolCount;

    public ServerConnection(ExternalMcpServer server, McpClient client, ChannelReader<bool> refreshRequests, int toolCount)
    {
        _server = server;
        Client = client;
        _toolCount = toolCount;
        var listens = string.CompareOrdinal(client.NegotiatedProtocolVersion, SubscriptionsProtocolVersion) >= 0;
        _work =
        [
            RefreshAsync(refreshRequests),
            PingAsync(),
            WatchSessionAsync(),
            listens ? ListenAsync() : Task.CompletedTask,
        ];
    }

    public McpClient Client { get; }

    public int ToolCount => _toolCount;

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
        catch (Exception exception) when (exception is TimeoutException or HttpRequestException or IOException or McpException)
        {
            // The session is over either way.
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
                    _toolCount = await _server.PublishToolsAsync(Client, deadline.Token);
                    FederationLog.ToolsRefreshed(_server.Logger, _server.Name, _toolCount);
                }
                catch (Exception exception) when (!_stop.IsCancellationRequested)
                {
                    MarkLost($"listing its tools failed: {ExternalMcpServer.Describe(exception)}");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(_server.PingInterval, _server.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                using var deadline = new Deadline(_server.Timeout, _server.TimeProvider, _stop.Token);
                try
                {
                    await Client.PingAsync(cancellationToken: deadline.Token);
                }
                catch (Exception exception) when (!_stop.IsCancellationRequested)
                {
                    MarkLost(deadline.Expired ? "no answer to a ping in time" : $"a ping failed: {ExternalMcpServer.Describe(exception)}");
                    return;
                }
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
    /// that the server went away; a server that refuses it is still there, and is followed by pings alone.
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
