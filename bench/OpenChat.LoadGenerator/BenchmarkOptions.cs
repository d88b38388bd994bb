using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>The command line: what to measure, for how long, against which cluster.</summary>
internal sealed record BenchmarkOptions
{
    public IReadOnlyList<int> Levels { get; init; } = [1, 64, 512, 2000];

    public IReadOnlyList<int> DelaysMs { get; init; } = [20, 0];

    public int Tokens { get; init; } = 50;

    /// <summary>What is measured, in a fixed order (direct, YARP, Api, Api B); direct is always among them.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [Target.Direct, Target.Yarp, Target.Api];

    /// <summary>How many times the whole sweep of delays and levels runs.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Measured time per level and target, split into interleaved slices.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Slices { get; init; } = 4;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Unmeasured load per target before the first cell, at no delay: tiered compilation recompiles the hot
    /// methods for about half a minute after a service first meets load, and that belongs to start-up, not to
    /// whichever cell comes first.
    /// </summary>
    public TimeSpan InitialWarmup { get; init; } = TimeSpan.FromSeconds(30);

    public bool Transcripts { get; init; } = true;

    /// <summary>
    /// Whether the Api exports its telemetry over OTLP, as every deployment does, to a sink that stands in for the
    /// collector; <c>--otlp off</c> runs it as every round before the twentieth did, its spans going nowhere.
    /// </summary>
    public bool ExportTelemetry { get; init; } = true;

    /// <summary>
    /// Whether the clients ask for usage (<c>stream_options.include_usage</c>). The Api asks its upstream on every
    /// stream whatever the client asks, YARP only when the client does: with <c>--client-usage on</c> the simulator
    /// does the same work and the clients read the same bytes behind both relays.
    /// </summary>
    public bool ClientUsage { get; init; }

    /// <summary>
    /// Whether each slice's workers start together (the default; with the simulator's streams stepping on one clock
    /// they then end and start again together, a burst of every stream about once per stream's length) or spread
    /// evenly over one stream's length, as independent clients arrive (<c>--arrivals spread</c>).
    /// </summary>
    public bool SpreadArrivals { get; init; }

    /// <summary>Simulators the Api routes to, each an upstream of equal weight; direct and YARP measure the first.</summary>
    public int Upstreams { get; init; } = 1;

    public bool Build { get; init; } = true;

    public string? Output { get; init; }

    /// <summary>Extra environment for the Api, YARP and the simulator, for trying runtime settings (<c>--api-env KEY=VALUE</c>).</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Api B's environment on top of the Api's (<c>--api-b-env KEY=VALUE</c>).</summary>
    public IReadOnlyDictionary<string, string> ApiBEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The checkout whose Api runs as Api B, such as a <c>git worktree</c> of an earlier commit; this repository if not
    /// given. Comparing two builds in one run's interleaved slices leaves out the drift between runs.
    /// </summary>
    public string? ApiBRoot { get; init; }

    public IReadOnlyDictionary<string, string> YarpEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> SimulatorEnvironment { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/OpenChat.LoadGenerator -- [options]
          --targets direct,yarp,api  what to measure: direct (always) and any of yarp, api, api-b
          --levels 1,64,512,2000     concurrent streams per level
          --delays 20,0              simulator milliseconds between chunks (0 is the stress run)
          --tokens 50                content chunks per stream
          --duration 20              measured seconds per level and target
          --slices 4                 interleaved slices the duration is split into
          --warmup 3                 unmeasured seconds per level and target
          --initial-warmup 30        unmeasured seconds per target at no delay before the first level
          --repeat 1                 runs of the whole sweep; above 1, a last table shows how far they differ
          --transcripts on|off       whether the Api records transcripts (on by default)
          --otlp on|off              whether the Api exports telemetry to an OTLP sink standing in for a collector (on by default)
          --client-usage on|off      whether the clients ask for usage, as the Api asks its upstream on every stream (off by default)
          --arrivals burst|spread    each slice's streams start together (default) or spread over one stream's length
          --upstreams 1              simulators behind the Api, as upstreams of equal weight (2 measures routing)
          --no-build                 use the last Release build of the Api, YARP and the simulator
          --out results.md           also write the table to this file
          --api-env KEY=VALUE        extra environment for the Api and Api B (repeatable)
          --api-b-env KEY=VALUE      extra environment for Api B only (repeatable)
          --api-b-root PATH          a checkout (a git worktree of another commit) whose Api runs as Api B
          --yarp-env KEY=VALUE       extra environment for YARP (repeatable; give it the Api's runtime settings)
          --sim-env KEY=VALUE        extra environment for the simulator (repeatable)
        """;

    public bool Help { get; init; }

    /// <summary>Reads the command line; a bad option or value is a <see cref="FormatException"/> that names it.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];

            // Each option that takes a value consumes it here, so flags need no list of their own.
            string Value() => ++i < args.Length ? args[i] : throw new FormatException($"{option} needs a value.");

            options = option switch
            {
                "--targets" => options with { Targets = TargetList(option, Value()) },
                "--levels" => options with { Levels = Ints(option, Value(), minimum: 1) },
                "--delays" => options with { DelaysMs = Ints(option, Value(), minimum: 0) },
                "--tokens" => options with { Tokens = Int(option, Value(), minimum: 1) },
                "--duration" => options with { Duration = Seconds(option, Value()) },
                "--slices" => options with { Slices = Int(option, Value(), minimum: 1) },
                "--warmup" => options with { Warmup = Seconds(option, Value()) },
                "--initial-warmup" => options with { InitialWarmup = Seconds(option, Value()) },
                "--repeat" => options with { Repeat = Int(option, Value(), minimum: 1) },
                "--transcripts" => options with { Transcripts = OnOff(option, Value()) },
                "--otlp" => options with { ExportTelemetry = OnOff(option, Value()) },
                "--client-usage" => options with { ClientUsage = OnOff(option, Value()) },
                "--arrivals" => options with { SpreadArrivals = Arrivals(option, Value()) },
                "--upstreams" => options with { Upstreams = Int(option, Value(), minimum: 1) },
                "--no-build" => options with { Build = false },
                "--out" => options with { Output = Value() },
                "--api-env" => options with { ApiEnvironment = With(option, options.ApiEnvironment, Value()) },
                "--api-b-env" => options with { ApiBEnvironment = With(option, options.ApiBEnvironment, Value()) },
                "--api-b-root" => options with { ApiBRoot = Checkout(option, Value()) },
                "--yarp-env" => options with { YarpEnvironment = With(option, options.YarpEnvironment, Value()) },
                "--sim-env" => options with { SimulatorEnvironment = With(option, options.SimulatorEnvironment, Value()) },
                "--help" or "-h" => options with { Help = true },
                _ => throw new FormatException($"Unknown option {option}."),
            };
        }

        return options;
    }

    private static bool Arrivals(string option, string value) => value switch
    {
        "burst" => false,
        "spread" => true,
        _ => throw new FormatException($"{option} expects burst or spread, got '{value}'."),
    };

    private static Dictionary<string, string> With(string option, IReadOnlyDictionary<string, string> environment, string pair)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        if (separator < 1)
        {
            throw new FormatException($"{option} expects KEY=VALUE, got '{pair}'.");
        }

        return new Dictionary<string, string>(environment) { [pair[..separator]] = pair[(separator + 1)..] };
    }

    private static Target[] TargetList(string option, string value)
    {
        var named = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => name switch
        {
            "direct" => Target.Direct,
            "yarp" => Target.Yarp,
            "api" => Target.Api,
            "api-b" => Target.ApiB,
            _ => throw new FormatException($"{option} expects direct, yarp, api or api-b, comma-separated, got '{name}'."),
        }).ToHashSet();

        // Every column is a difference from direct, so it is the baseline every run needs.
        return named.Contains(Target.Direct) && named.Count > 1
            ? [.. Enum.GetValues<Target>().Where(named.Contains)]
            : throw new FormatException($"{option} needs direct, the baseline, and at least one of yarp, api and api-b, got '{value}'.");
    }

    private static int[] Ints(string option, string value, int minimum)
    {
        int[] values = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Int(option, v, minimum))];
        return values.Length > 0 ? values : throw new FormatException($"{option} needs at least one number.");
    }

    private static int Int(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new FormatException($"{option} expects whole numbers of {minimum} or more, got '{value}'.");

    private static TimeSpan Seconds(string option, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{option} expects a number of seconds above 0, got '{value}'.");

    private static string Checkout(string option, string value)
    {
        var root = Path.GetFullPath(value);
        return File.Exists(Path.Combine(root, "OpenChat.Api", "OpenChat.Api.csproj"))
            ? root
            : throw new FormatException($"{option} expects a checkout of this repository (with OpenChat.Api in it), got '{value}'.");
    }

    private static bool OnOff(string option, string value) => value switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new FormatException($"{option} expects on or off, got '{value}'."),
    };
}
