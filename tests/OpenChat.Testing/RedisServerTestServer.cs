using System.Diagnostics;
using System.Globalization;

namespace OpenChat.Testing;

/// <summary>
/// Debian's <c>redis-server</c> (Redis 7) as a child process on its own loopback port. It counts as started when
/// it says it is ready to accept connections; stopping it kills it. Without persistence a restart starts empty;
/// a durable one keeps an append-only file, synced before each reply (as a deployment's Redis keeps its data on a
/// volume), so a restart after a kill has every write it acknowledged.
/// </summary>
public sealed class RedisServerTestServer : IRedisTestServer
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly int _port = FreePort.Next();
    private readonly string? _dataDirectory;
    private Process? _process;

    public RedisServerTestServer()
    {
    }

    private RedisServerTestServer(string dataDirectory) => _dataDirectory = dataDirectory;

    /// <summary>A server that keeps its data across a kill and a restart, in a directory of its own.</summary>
    public static RedisServerTestServer Durable() => new(Path.Combine(Path.GetTempPath(), $"openchat-redis-{Guid.NewGuid():N}"));

    public string Name => "redis-server";

    public string ConnectionString => $"127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        var program = RequiredProgram.RedisServer.Require();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] persistence = ["--appendonly", "no"];
        if (_dataDirectory is not null)
        {
            Directory.CreateDirectory(_dataDirectory);
            persistence = ["--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory];
        }

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(program,
                ["--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence, "--loglevel", "notice"])
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
