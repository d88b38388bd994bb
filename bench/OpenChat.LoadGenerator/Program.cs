using System.Runtime.InteropServices;
using OpenChat.LoadGenerator;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{BenchmarkOptions.Usage}");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();

// Ctrl+C or a kill ends the run through the cluster's disposal, which stops every process it started.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    var report = await Benchmark.RunAsync(options, cancellation.Token);
    report.Save(options.Output);
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Stopped before the end: no report.");
    return 130;
}
catch (FileNotFoundException e)
{
    // A service's build output is missing (--no-build before a Release build): say which, without a stack trace.
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
