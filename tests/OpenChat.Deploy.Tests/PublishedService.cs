using System.Diagnostics;

namespace OpenChat.Deploy.Tests;

/// <summary>
/// A service started from its <c>dotnet publish</c> output, as a container entry point would start it, with
/// the environment it is given. It counts as started when it logs that it is listening.
/// </summary>
internal sealed class PublishedService : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(1);

    private readonly Process _process;

    private PublishedService(Process process) => _process = process;

    public static async Task<PublishedService> StartAsync(string publishDirectory, string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startInfo = new ProcessStartInfo("dotnet", [Path.Combine(publishDirectory, assembly)])
        {
            WorkingDirectory = publishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{assembly} exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new PublishedService(process);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
