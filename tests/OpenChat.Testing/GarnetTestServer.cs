using System.Globalization;
using Garnet;

namespace OpenChat.Testing;

/// <summary>
/// Microsoft Garnet, in this process, on its own loopback port, with Lua scripts on and run as transactions
/// (each script locks the keys it declares), as the Api's limits need them.
/// </summary>
public sealed class GarnetTestServer : IRedisTestServer
{
    private readonly int _port = FreePort.Next();
    private GarnetServer? _server;

    public string Name => "garnet";

    public string ConnectionString => $"127.0.0.1:{_port}";

    public Task StartAsync()
    {
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", _port.ToString(CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode"]);
        _server.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _server?.Dispose();
        _server = null;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
