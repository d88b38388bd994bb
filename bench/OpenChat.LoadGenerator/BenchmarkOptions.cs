using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>The command line: what to measure, for how long, against which cluster.</summary>
internal sealed record BenchmarkOptions
{
    public IReadOnlyList<int> Levels { get; init; } = [1, 64, 512, 2000];

    public IReadOnlyList<int> DelaysMs { get; init; } = [20, 0];

    public int Tokens { get; init; } = 50;

    /// <summary>Measured time per level and target, split into interleaved slices.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Slices { get; init; } = 4;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public bool Transcripts { get; init; } = true;

    public bool Build { get; init; } = true;

    public string? Output { get; init; }

    /// <summary>Extra environment for the Api and the simulator, for trying runtime settings (<c>--api-env KEY=VALUE</c>).</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> SimulatorEnvironment { get; init; } = new Dictionary<string, string>();

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            options = args[i] switch
            {
                "--levels" => options with { Levels = Ints(value) },
                "--delays" => options with { DelaysMs = Ints(value) },
                "--tokens" => options with { Tokens = int.Parse(value, CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--slices" => options with { Slices = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--transcripts" => options with { Transcripts = value is "on" or "true" },
                "--no-build" => options with { Build = false },
                "--out" => options with { Output = value },
                "--api-env" => options with { ApiEnvironment = With(options.ApiEnvironment, value) },
                "--sim-env" => options with { SimulatorEnvironment = With(options.SimulatorEnvironment, value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --levels 1,64 --delays 20,0 --tokens 50 --duration 20 --slices 4 --warmup 3 --transcripts on|off --no-build --out results.md --api-env K=V --sim-env K=V"),
            };
            if (args[i] != "--no-build")
            {
                i++;
            }
        }

        return options;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string pair)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        return new Dictionary<string, string>(environment) { [pair[..separator]] = pair[(separator + 1)..] };
    }

    private static int[] Ints(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
}
