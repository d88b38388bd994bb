using System.Diagnostics;

namespace OpenChat.Testing;

/// <summary>
/// How a service's start-up ends when it must refuse to start: its build output run as its own process
/// (<c>dotnet X.dll</c>, as a container starts it), with the settings as environment variables, until it exits.
/// <c>WebApplicationFactory</c> cannot show this reliably: it races the application's own disposal of a host that
/// failed to start, and now and then reports an <see cref="ObjectDisposedException"/> instead of the failure.
/// </summary>
public static class FailedStartup
{
    /// <summary>Long enough for a cold start on a busy machine; a service that started after all is stopped then.</summary>
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    /// <param name="assemblyPath">The service's entry assembly, such as <c>typeof(SomeType).Assembly.Location</c>.</param>
    /// <param name="settings">Configuration keys (<c>A:B</c>) and values; a null value leaves the key unset.</param>
    /// <param name="cancellationToken">Ends the wait, and the process if it is still running (as a minute does).</param>
    public static async Task<StartupOutcome> RunAsync(string assemblyPath, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var startInfo = ServiceProcess.StartInfo(assemblyPath, ["--urls", "http://127.0.0.1:0"]);
        foreach (var (key, value) in settings)
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            startInfo.Environment.Remove(variable);
            if (value is not null)
            {
                startInfo.Environment[variable] = value;
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_limit);
        using var process = Process.Start(startInfo)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = await process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            return new StartupOutcome(process.ExitCode, await output, error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

/// <summary>A service process's exit code and what it wrote.</summary>
public sealed record StartupOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Listened => StandardOutput.Contains("Now listening on", StringComparison.Ordinal);
}
