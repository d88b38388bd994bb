using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OpenChat.Testing;

/// <summary>
/// A service run as its own process from a build or publish output (<c>dotnet X.dll</c>), as a container entry
/// point starts it, with the environment it is given. It counts as started when it logs that it is listening. It
/// can be killed as a crash kills it, and its memory and CPU time are its own, read from <c>/proc</c>. The last
/// lines of its output, and every line it logs at error level or above, are kept for a test's message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private const int KeptErrors = 100;
    private const int KeptLinesPerError = 30;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly Lock _errorsLock = new();
    private readonly List<List<string>> _errors = [];
    private int _errorCount;
    private bool _inError;

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>Entries the console logger began with <c>fail:</c> or <c>crit:</c>: errors the service logged.</summary>
    public int ErrorLogCount
    {
        get
        {
            lock (_errorsLock)
            {
                return _errorCount;
            }
        }
    }

    /// <summary>
    /// The first errors the service logged, each as the console logger wrote it: <c>fail: Category[EventId]</c> and
    /// the indented lines of its message and exception.
    /// </summary>
    public IReadOnlyList<string> ErrorLogs
    {
        get
        {
            lock (_errorsLock)
            {
                return [.. _errors.Select(lines => string.Join('\n', lines))];
            }
        }
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string OutputTail => string.Join('\n', _lastLines);

    /// <summary>User and system CPU time used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServiceProcess> StartAsync(
        string assemblyPath, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? arguments = null)
    {
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startInfo = StartInfo(assemblyPath, arguments ?? []);
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }

            if (text.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }

            service.Keep(text);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                service.Keep(text);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited before it listened:\n{service.OutputTail}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(s_startTimeout);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>
    /// <c>dotnet X.dll</c> from the assembly's own folder, as a container starts it, so its <c>appsettings.json</c>
    /// applies; its output redirected for the test to read.
    /// </summary>
    internal static ProcessStartInfo StartInfo(string assemblyPath, IEnumerable<string> arguments) =>
        new("dotnet", [assemblyPath, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

    /// <summary>A line of <c>/proc/PID/status</c> in bytes: <c>VmRSS</c> (resident now) or <c>VmHWM</c> (the peak).</summary>
    public long ReadMemoryBytes(string field)
    {
        var prefix = field + ":";
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith(prefix, StringComparison.Ordinal));
        var kilobytes = line[prefix.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The names its threads have now (<c>/proc/PID/task/*/comm</c>, at most 15 characters each).</summary>
    public IReadOnlyList<string> ReadThreadNames()
    {
        var names = new List<string>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // A thread that ended after the listing has no name left to read.
            }
        }

        return names;
    }

    /// <summary>The names of the files it has mapped now (<c>/proc/PID/maps</c>): its loaded assemblies and native libraries.</summary>
    public IReadOnlySet<string> ReadMappedFileNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/maps"))
        {
            // A file's mapping ends in its path; an anonymous one in nothing or a [name].
            var path = line.IndexOf('/', StringComparison.Ordinal);
            if (path >= 0)
            {
                names.Add(Path.GetFileName(line[path..]));
            }
        }

        return names;
    }

    /// <summary>Ends the process at once, as a crash or an out-of-memory kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(s_exitTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>Keeps the line among the last ones; an error's first line starts an entry, its indented lines follow it.</summary>
    private void Keep(string text)
    {
        _lastLines.Enqueue(text);
        while (_lastLines.Count > KeptLines)
        {
            _lastLines.TryDequeue(out _);
        }

        var isError = text.StartsWith("fail:", StringComparison.Ordinal) || text.StartsWith("crit:", StringComparison.Ordinal);
        lock (_errorsLock)
        {
            if (isError)
            {
                _errorCount++;
                _inError = _errors.Count < KeptErrors;
                if (_inError)
                {
                    _errors.Add([text]);
                }
            }
            else if (_inError && text.StartsWith(' ') && _errors[^1].Count < KeptLinesPerError)
            {
                _errors[^1].Add(text);
            }
            else
            {
                _inError = false;
            }
        }
    }
}
