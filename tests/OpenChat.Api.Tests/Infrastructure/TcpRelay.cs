using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a server, which a test can cut: every connection through it closes and no
/// new one gets through, as if the machine on this side had gone away, while others reach the server directly.
/// It can also hold what the client sends (<see cref="Pause"/>) until <see cref="Resume"/>, as a slow network would.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _cut = new();
    private readonly ConcurrentBag<Socket> _sockets = [];
    private readonly Task _accepting;
    private volatile TaskCompletionSource _open = Opened();

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's own address, as a Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Holds what the client sends from now on, until <see cref="Resume"/>; the server's answers still pass.</summary>
    public void Pause() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _open.TrySetResult();

    public async Task CutAsync()
    {
        await _cut.CancelAsync();
        _listener.Stop();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cut.IsCancellationRequested)
        {
            await CutAsync();
        }

        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_cut.Token);
                var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
                _sockets.Add(client);
                _sockets.Add(server);
                await server.ConnectAsync(_target, _cut.Token);
                _ = PumpAsync(client, server, pausable: true);
                _ = PumpAsync(server, client, pausable: false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut.
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task PumpAsync(Socket from, Socket to, bool pausable)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _cut.Token)) > 0)
            {
                if (pausable)
                {
                    await _open.Task.WaitAsync(_cut.Token);
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _cut.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or one side closed.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
