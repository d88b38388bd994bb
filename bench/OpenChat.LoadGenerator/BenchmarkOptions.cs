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

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/OpenChat.LoadGenerator -- [options]
          --levels 1,64,512,2000   concurrent streams per level
          --delays 20,0            simulator milliseconds between chunks (0 is the stress run)
          --tokens 50              content chunks per stream
          --duration 20            measured seconds per level and target
          --slices 4               interleaved slices the duration is split into
          --warmup 3               unmeasured seconds per level and target
          --transcripts on|off     whether the Api records transcripts (on by default)
          --no-build               use the last Release build of the Api and the simulator
          --out results.md         also write the table to this file
          --api-env KEY=VALUE      extra environment for the Api (repeatable)
          --sim-env KEY=VALUE      extra environment for the simulator (repeatable)
        """;

    public bool Help { get; init; }

    /// <summary>Reads the command line; a bad option or value is a <see cref="FormatException"/> that names it.</summary>
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
                "--help" or "-h" => options with { Help = true },
                _ => throw new FormatException($"Unknown option {args[i]}."),
            };
            if (args[i] is not ("--no-build" or "--help" or "-h"))
            {
                i++;
            }
        }

        return options;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string pair)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        if (separator < 1)
        {
            throw new FormatException($"Expected KEY=VALUE, got '{pair}'.");
        }

        return new Dictionary<string, string>(environment) { [pair[..separator]] = pair[(separator + 1)..] };
    }

    private static int[] Ints(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
}
