using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OpenChat.Testing;

/// <summary>
/// Debian's <c>redis-server</c> (Redis 7) as a child process on its own loopback port. It counts as started when
/// it says it is ready to accept connections; stopping it kills it. Without persistence a restart starts empty;
/// a durable one keeps an append-only file, synced before each reply (as a deployment's Redis keeps its data on a
/// volume), so a restart after a kill has every write it acknowledged; a snapshotting one keeps what its last
/// <c>SAVE</c> wrote, and can restart loading it slowly.
/// </summary>
public sealed class RedisServerTestServer : IRedisTestServer
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly int _port = FreePort.Next();
    private readonly string? _dataDirectory;
    private readonly string[] _persistence = ["--appendonly", "no"];
    private Process? _process;
    private Task? _ready;

    public RedisServerTestServer()
    {
    }

    private RedisServerTestServer(string dataDirectory, params string[] persistence)
    {
        _dataDirectory = dataDirectory;
        _persistence = [.. persistence, "--dir", dataDirectory];
    }

    /// <summary>A server that keeps its data across a kill and a restart, in a directory of its own.</summary>
    public static RedisServerTestServer Durable() => new(NewDataDirectory(), "--appendonly", "yes", "--appendfsync", "always");

    /// <summary>A server that keeps, across a kill and a restart, what its last <c>SAVE</c> wrote.</summary>
    public static RedisServerTestServer Snapshotting() => new(NewDataDirectory(), "--appendonly", "no");

    public string Name => "redis-server";

    public string ConnectionString => $"127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        await LaunchAsync([], "Ready to accept connections");
    }

    /// <summary>
    /// Starts loading the snapshot a key per <paramref name="delayPerKey"/>, as a large dataset loads after a restart,
    /// and returns once loading has begun: until <see cref="FinishLoadingAsync"/>, Redis takes connections and
    /// answers every command that needs the data with <c>LOADING</c>. It serves connections between two keys, so
    /// the keys must be over a kilobyte each.
    /// </summary>
    public async Task StartLoadingSlowlyAsync(TimeSpan delayPerKey)
    {
        var microseconds = ((long)delayPerKey.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        await LaunchAsync(["--key-load-delay", microseconds, "--loading-process-events-interval-bytes", "1024"], "Loading RDB produced by");
    }

    /// <summary>Loads the rest of the snapshot at full speed and returns once the server is ready.</summary>
    public async Task FinishLoadingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _port);
        var stream = client.GetStream();
        await stream.WriteAsync("CONFIG SET key-load-delay 0\r\n"u8.ToArray());
        var reply = new byte[64];
        var read = await stream.ReadAsync(reply).AsTask().WaitAsync(s_startTimeout);
        var text = Encoding.ASCII.GetString(reply, 0, read);
        if (!text.StartsWith("+OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-server refused to load at full speed: {text.Trim()}");
        }

        await _ready!.WaitAsync(s_startTimeout);
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

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), $"openchat-redis-{Guid.NewGuid():N}");

    /// <summary>Starts the process and waits for the line that says it is as far as the caller needs.</summary>
    private async Task LaunchAsync(string[] settings, string startedLine)
    {
        var program = RequiredProgram.RedisServer.Require();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_dataDirectory is not null)
        {
            Directory.CreateDirectory(_dataDirectory);
        }

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(program,
                ["--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. _persistence, .. settings, "--loglevel", "notice"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(startedLine, StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }

            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) =>
        {
            started.TrySetException(new InvalidOperationException("redis-server exited before it was ready."));
            ready.TrySetException(new InvalidOperationException("redis-server exited before it was ready."));
        };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _ready = ready.Task;
        await started.Task.WaitAsync(s_startTimeout);
    }
}
