using System.Diagnostics;

namespace OpenChat.LoadGenerator;

/// <summary>
/// The processes under test, all on loopback: the model simulator, the Tools service, the Api in front of the
/// simulator and, when transcripts are on, a Redis server for them. Built in Release and run from their
/// build output, as a deployment would run them.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string GatewayKey = "bench-gateway-key-0123456789abcdef";

    /// <summary>The key the Api presents to Tools, which refuses to start without one.</summary>
    private const string ToolsServiceKey = "bench-tools-service-key-0123456789";

    private readonly List<ServiceProcess> _processes = [];

    private Cluster()
    {
    }

    public required Uri SimulatorUrl { get; init; }

    public required Uri ApiUrl { get; init; }

    public required ServiceProcess Api { get; init; }

    public required ServiceProcess Simulator { get; init; }

    public static async Task<Cluster> StartAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        if (options.Build)
        {
            await BuildAsync(root, cancellationToken);
        }

        var processes = new List<ServiceProcess>();
        var quiet = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        var simulatorPort = FreePort.Next();
        var simulator = StartService(root, "OpenChat.ModelSimulator", simulatorPort, new(quiet.Concat(options.SimulatorEnvironment))
        {
            ["Simulator__TimeToFirstToken"] = "00:00:00",
            ["Simulator__InterTokenDelay"] = "00:00:00",
        });
        processes.Add(simulator);

        var toolsPort = FreePort.Next();
        processes.Add(StartService(root, "OpenChat.Tools", toolsPort, new(quiet) { ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey }));

        var apiEnvironment = new Dictionary<string, string>(quiet.Concat(options.ApiEnvironment))
        {
            ["OpenChat__ApiKeys__0"] = GatewayKey,
            ["OpenChat__Upstream__BaseUrl"] = $"http://127.0.0.1:{simulatorPort}/v1",
            ["services__tools__http__0"] = $"http://127.0.0.1:{toolsPort}",
            ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey,
            ["OpenChat__Transcripts__Enabled"] = options.Transcripts ? "true" : "false",
        };
        if (options.Transcripts)
        {
            var redisPort = FreePort.Next();
            processes.Add(ServiceProcess.Start("redis", "redis-server",
                ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                new Dictionary<string, string>()));
            apiEnvironment["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}";
        }

        var apiPort = FreePort.Next();
        var api = StartService(root, "OpenChat.Api", apiPort, apiEnvironment);
        processes.Add(api);

        var cluster = new Cluster
        {
            SimulatorUrl = new Uri($"http://127.0.0.1:{simulatorPort}"),
            ApiUrl = new Uri($"http://127.0.0.1:{apiPort}"),
            Api = api,
            Simulator = simulator,
        };
        cluster._processes.AddRange(processes);

        using var http = new HttpClient();
        foreach (var port in new[] { simulatorPort, toolsPort, apiPort })
        {
            await WaitHealthyAsync(http, new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    private static ServiceProcess StartService(string root, string project, int port, Dictionary<string, string> environment)
    {
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var dll = Path.Combine(root, project, "bin", "Release", "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build in Release first, or run without --no-build.");
        }

        // From its own folder, as a container starts it, so its appsettings.json applies.
        return ServiceProcess.Start(project, "dotnet", [dll], environment, Path.GetDirectoryName(dll));
    }

    private static async Task BuildAsync(string root, CancellationToken cancellationToken)
    {
        foreach (var project in new[] { "OpenChat.ModelSimulator", "OpenChat.Tools", "OpenChat.Api" })
        {
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(root, project)])
            {
                UseShellExecute = false,
            })!;
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building {project} failed.");
            }
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{health} did not become healthy within a minute.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the load generator from inside the OpenChat repository.");
    }
}
