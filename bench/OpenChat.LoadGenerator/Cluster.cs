using System.Diagnostics;
using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>
/// The processes under test, all on loopback: the model simulator (or several, for the Api to route over) and,
/// for the targets measured, a bare YARP proxy in front of it, and the Api (and Api B) in front of it with the Tools
/// service and, when transcripts are on, a Redis server for them, which two Apis share as two replicas would. Built
/// in Release and run from their build output, as a deployment would run them.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string GatewayKey = "bench-gateway-key-0123456789abcdef";

    /// <summary>The key the Api presents to Tools, which refuses to start without one.</summary>
    private const string ToolsServiceKey = "bench-tools-service-key-0123456789";

    private readonly List<ServiceProcess> _processes = [];

    /// <summary>Every target's simulators, which each <see cref="TargetServer"/> reads the model's CPU from.</summary>
    private readonly List<ServiceProcess> _simulators = [];
    private readonly List<Uri> _servicesStarted = [];
    private readonly Dictionary<Target, TargetServer> _servers = [];
    private OtlpSink? _telemetry;

    private Cluster()
    {
    }

    public TargetServer this[Target target] => _servers[target];

    /// <summary>The collector's stand-in the Apis export to; none with <c>--otlp off</c> or without an Api.</summary>
    public OtlpSink? Telemetry => _telemetry;

    public static async Task<Cluster> StartAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var measuresYarp = options.Targets.Contains(Target.Yarp);
        Target[] apis = [.. options.Targets.Where(target => target.IsApi())];
        if (options.Build)
        {
            var projects = new List<string> { "OpenChat.ModelSimulator" };
            if (measuresYarp)
            {
                projects.Add("bench/OpenChat.YarpProxy");
            }

            if (apis.Length > 0)
            {
                projects.AddRange(["OpenChat.Tools", "OpenChat.Api"]);
            }

            if (apis.Contains(Target.ApiB) && options.ApiBRoot is { } apiBRoot)
            {
                projects.Add(Path.Combine(apiBRoot, "OpenChat.Api"));
            }

            await BuildAsync(root, projects, cancellationToken);
        }

        var quiet = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        var cluster = new Cluster();
        try
        {
            // Direct and YARP measure the first simulator; the Api routes over all of them.
            var simulatorUrls = Enumerable.Range(0, options.Upstreams).Select(i => cluster.StartSimulator(root, options, quiet, i == 0 ? Target.Direct : null)).ToList();
            var simulatorUrl = simulatorUrls[0];

            if (measuresYarp)
            {
                cluster.StartService(root, "bench/OpenChat.YarpProxy", new(quiet.Concat(options.YarpEnvironment))
                {
                    ["Destination"] = simulatorUrl.ToString(),
                }, Target.Yarp, key: null);
            }

            if (apis.Length > 0)
            {
                if (options.ExportTelemetry)
                {
                    cluster._telemetry = await OtlpSink.StartAsync(cancellationToken);
                }

                cluster.StartApis(root, options, quiet, simulatorUrls, apis);
            }

            // YARP's /health is the simulator's, through the proxy: ready means the route works end to end.
            using var http = new HttpClient();
            foreach (var url in cluster._servicesStarted)
            {
                await WaitHealthyAsync(http, new Uri(url, "/health"), cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        if (_telemetry is not null)
        {
            await _telemetry.DisposeAsync();
        }
    }

    /// <summary>
    /// The Api (and Api B) in front of the simulator (the shorthand upstream) or simulators (upstreams <c>sim1</c>,
    /// <c>sim2</c>... of equal weight, each serving every model), with Tools and, when transcripts are on, Redis.
    /// </summary>
    private void StartApis(string root, BenchmarkOptions options, Dictionary<string, string> quiet, List<Uri> simulatorUrls, Target[] apis)
    {
        var (toolsUrl, _) = StartService(root, "OpenChat.Tools", new(quiet) { ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey }, target: null, key: null);
        var environment = new Dictionary<string, string>(quiet)
        {
            ["OpenChat__ApiKeys__0"] = GatewayKey,
            ["services__tools__http__0"] = toolsUrl.ToString().TrimEnd('/'),
            ["OpenChat__Tools__ServiceKey"] = ToolsServiceKey,
            ["OpenChat__Transcripts__Enabled"] = options.Transcripts ? "true" : "false",
            // Limits and usage need Redis, which only runs with transcripts; one key carries every stream.
            ["OpenChat__Governance__Enabled"] = options.Transcripts ? "true" : "false",
            ["OpenChat__Governance__DefaultMaxConcurrentStreams"] = "1000000",
        };
        if (_telemetry is { } sink)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Url.ToString().TrimEnd('/');
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        if (simulatorUrls.Count == 1)
        {
            environment["OpenChat__Upstream__BaseUrl"] = new Uri(simulatorUrls[0], "/v1").ToString();
        }

        for (var i = 0; simulatorUrls.Count > 1 && i < simulatorUrls.Count; i++)
        {
            environment[$"OpenChat__Upstreams__sim{i + 1}__BaseUrl"] = new Uri(simulatorUrls[i], "/v1").ToString();
            environment[$"OpenChat__Upstreams__sim{i + 1}__Models__0"] = "*";
        }

        ServiceProcess? redis = null;
        if (options.Transcripts)
        {
            var redisPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            redis = ServiceProcess.Start("redis", "redis-server",
                ["--port", redisPort, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                new Dictionary<string, string>());
            _processes.Add(redis);
            environment["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}";
        }

        // --api-env comes last, so that it can also switch off what the options above switch on; --api-b-env after it.
        foreach (var api in apis)
        {
            var apiEnvironment = new Dictionary<string, string>(environment);
            var overrides = api == Target.ApiB ? options.ApiEnvironment.Concat(options.ApiBEnvironment) : options.ApiEnvironment;
            foreach (var (key, value) in overrides)
            {
                apiEnvironment[key] = value;
            }

            StartService(api == Target.ApiB ? options.ApiBRoot ?? root : root, "OpenChat.Api", apiEnvironment, api, GatewayKey);
            _servers[api] = _servers[api] with { Store = redis };
        }
    }

    private Uri StartSimulator(string root, BenchmarkOptions options, Dictionary<string, string> quiet, Target? target)
    {
        var (url, process) = StartService(root, "OpenChat.ModelSimulator", new(quiet.Concat(options.SimulatorEnvironment))
        {
            ["Simulator__TimeToFirstToken"] = "00:00:00",
            ["Simulator__InterTokenDelay"] = "00:00:00",
        }, target, key: null);
        _simulators.Add(process);
        return url;
    }

    /// <summary>Starts one of the solution's services on a free port; measured as <paramref name="target"/> if given.</summary>
    private (Uri Url, ServiceProcess Process) StartService(string root, string projectPath, Dictionary<string, string> environment, Target? target, string? key)
    {
        var project = Path.GetFileName(projectPath);
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var dll = Path.Combine(root, projectPath, "bin", "Release", "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build in Release first, or run without --no-build.");
        }

        // From its own folder, as a container starts it, so its appsettings.json applies.
        var process = ServiceProcess.Start(project, "dotnet", [dll], environment, Path.GetDirectoryName(dll));
        _processes.Add(process);
        _servicesStarted.Add(url);
        if (target is { } measured)
        {
            _servers[measured] = new TargetServer(url, key, process, _simulators);
        }

        return (url, process);
    }

    private static async Task BuildAsync(string root, IEnumerable<string> projectPaths, CancellationToken cancellationToken)
    {
        foreach (var projectPath in projectPaths)
        {
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(root, projectPath)])
            {
                UseShellExecute = false,
            })!;
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building {projectPath} failed.");
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
