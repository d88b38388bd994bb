using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>
/// A malformed admin body is read whole before it is refused, so the connection it came on ends cleanly when the
/// client closes it. The framework's JSON binding, which these endpoints used before, now and then left a read of
/// the body outstanding (on most fresh standalone Apis within twenty such requests, in one run of this test in six):
/// Kestrel then logged "Connection processing ended abnormally: Reading is already in progress" for the connection.
/// </summary>
public sealed class AdminBodyConnectionTests : IAsyncLifetime
{
    private const string KestrelConnections = "Microsoft.AspNetCore.Server.Kestrel.Connections";
    private const int Connections = 30;

    private readonly GarnetTestServer _garnet = new();
    private ApiTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.Start(
            redis: _garnet.ConnectionString,
            api: new Dictionary<string, string?> { [$"Logging:LogLevel:{KestrelConnections}"] = "Debug" },
            configureApi: services => services.AddFakeLogging());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task Malformed_bodies_closed_by_their_clients_end_their_connections_cleanly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var logs = _host.Api.Services.GetRequiredService<FakeLogCollector>();

        for (var i = 0; i < Connections; i++)
        {
            var (method, path) = i % 2 == 0 ? ("POST", "/admin/keys") : ("PATCH", "/admin/keys/key_0123456789ab");
            var answer = await SendThenCloseAsync($"{method} {path}", """{"name":""", cancellationToken);
            Assert.StartsWith("HTTP/1.1 400 ", answer.Head, StringComparison.Ordinal);
            Assert.Contains("\"code\":\"invalid_json\"", Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
        }

        await AwaitConnectionsStoppedAsync(logs, cancellationToken);
        Assert.DoesNotContain(logs.GetSnapshot(), record =>
            record.Level >= LogLevel.Warning && record.Category?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true);
    }

    /// <summary>Sends one request on a connection of its own, reads the whole answer and closes the socket, as curl does.</summary>
    private async Task<RawHttpMessage> SendThenCloseAsync(string requestLine, string body, CancellationToken cancellationToken)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_host.ApiAddress.Host, _host.ApiAddress.Port, cancellationToken);
        var stream = socket.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"{requestLine} HTTP/1.1\r\nHost: {_host.ApiAddress.Authority}\r\nAuthorization: Bearer {ApiTestHost.AdminKey}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray(), cancellationToken);

        var answer = await RawHttpMessage.ReadAsync(stream, cancellationToken);
        Assert.NotNull(answer);
        return answer;
    }

    /// <summary>Kestrel logs a connection's stop after its processing has ended, abnormally or not.</summary>
    private static async Task AwaitConnectionsStoppedAsync(FakeLogCollector logs, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var stopped = 0;
        await foreach (var record in logs.GetLogsAsync(timeout.Token))
        {
            if (record.Category == KestrelConnections && record.Id.Name == "ConnectionStop" && ++stopped == Connections)
            {
                return;
            }
        }

        Assert.Fail($"Only {stopped} of the {Connections} connections had stopped after 30 s.");
    }
}
