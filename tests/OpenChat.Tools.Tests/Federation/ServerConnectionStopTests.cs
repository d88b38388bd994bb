using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>
/// A connection's stop and disposal, which the server's reconnect loop runs every time it loses a session: whatever
/// the session throws then, they end quietly, or the loop would end with them.
/// </summary>
public sealed class ServerConnectionStopTests
{
    [Fact]
    public async Task A_refresh_whose_transport_closes_under_the_stop_ends_quietly_and_marks_nothing_lost()
    {
        using var server = NewServer();
        await using var client = new TransportClosingClient();
        var refreshRequests = Channel.CreateBounded<bool>(1);
        var connection = new ServerConnection(server, client, refreshRequests);
        connection.StartWatching();

        refreshRequests.Writer.TryWrite(true);
        await client.ListingSent.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await connection.StopAsync();

        Assert.False(connection.WaitUntilLostAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Disposing_a_connection_whose_session_fails_to_close_ends_quietly()
    {
        using var server = NewServer();
        var client = new TransportClosingClient(closeFailure: new TaskCanceledException("The transport's own cancellation."));
        var connection = new ServerConnection(server, client, Channel.CreateBounded<bool>(1));
        connection.StartWatching();

        await connection.DisposeAsync();

        Assert.True(client.CloseAttempted);
    }

    private static ExternalMcpServer NewServer() => new(
        "weather", new ExternalMcpServerOptions { Url = new Uri("http://127.0.0.1:9/mcp") },
        new ToolCatalog([], NullLogger<ToolCatalog>.Instance), TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>
    /// A session whose <c>tools/list</c> gets no answer, and whose transport closes when the call is cancelled: the
    /// call then fails with the transport's error, not the cancellation. Closing it throws <c>closeFailure</c>, if any.
    /// </summary>
    // The SDK marks a client of one's own as experimental; this one only stands in for a session in a test.
#pragma warning disable MCPEXP002
    private sealed class TransportClosingClient(Exception? closeFailure = null) : McpClient
#pragma warning restore MCPEXP002
    {
        private readonly TaskCompletionSource _listingSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<ClientCompletionDetails> _completion = new();

        public Task ListingSent => _listingSent.Task;

        public bool CloseAttempted { get; private set; }

        public override ServerCapabilities ServerCapabilities { get; } = new() { Tools = new() };

        public override Implementation ServerInfo { get; } = new() { Name = "weather", Version = "1.0" };

        public override string? ServerInstructions => null;

        public override Task<ClientCompletionDetails> Completion => _completion.Task;

        public override string? SessionId => null;

        public override string? NegotiatedProtocolVersion => "2025-06-18";

        public override async Task<JsonRpcResponse> SendRequestAsync(JsonRpcRequest request, CancellationToken cancellationToken = default)
        {
            _listingSent.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            throw new IOException("The transport closed.");
        }

        public override Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override IAsyncDisposable RegisterNotificationHandler(string method, Func<JsonRpcNotification, CancellationToken, ValueTask> handler) =>
            new NoRegistration();

        public override ValueTask DisposeAsync()
        {
            CloseAttempted = true;
            return closeFailure is null ? ValueTask.CompletedTask : ValueTask.FromException(closeFailure);
        }

        public override ValueTask<IDictionary<string, InputResponse>> ResolveInputRequestsAsync(IDictionary<string, InputRequest> inputRequests, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private sealed class NoRegistration : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
