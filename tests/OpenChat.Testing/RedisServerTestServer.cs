using System.Diagnostics;
using System.Globalization;

namespace OpenChat.Testing;

/// <summary>
/// Debian's <c>redis-server</c> (Redis 7) as a child process on its own loopback port, without persistence.
/// It counts as started when it says it is ready to accept connections.
/// </summary>
public sealed class RedisServerTestServer : IRedisTestServer
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly int _port = FreePort.Next();
    private Process? _process;

    public string Name => "redis-server";

    public string ConnectionString => $"127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        var program = RequiredProgram.RedisServer.Require();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(program,
                ["--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited before it was ready."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(s_startTimeout);
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
