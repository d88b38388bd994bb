using System.Globalization;
using System.Text;

namespace OpenChat.LoadGenerator;

/// <summary>
/// The results as Markdown: a row per delay, level and run, printed as it comes, then, over several runs, how
/// far the runs of each delay and level differ.
/// </summary>
internal sealed class Report
{
    private readonly StringBuilder _markdown = new();
    private readonly BenchmarkOptions _options;
    private readonly MarkdownTable<Cell> _perRun;
    private readonly List<Cell> _cells = [];

    public Report(BenchmarkOptions options)
    {
        _options = options;
        _perRun = new MarkdownTable<Cell>(ReportColumns.PerRun(options));
        var order = string.Join(", ", options.Targets.Select(t => t.Label()));
        Write(string.Create(CultureInfo.InvariantCulture,
            $"{options.Tokens} chunks a stream, {options.Duration.TotalSeconds:0.#} s per target and level in {options.Slices} slices ({order}, then back{(SliceOrder.TradesApis(options.Targets) ? "; Api and Api B trade places in every second pair" : "")}), transcripts {(options.Transcripts ? "on" : "off")}, telemetry {(options.ExportTelemetry ? "exported over OTLP to a sink" : "not exported")}, {(options.ClientUsage ? "clients asking for usage" : "clients not asking for usage")}, {options.Upstreams} upstream(s) behind the Api, streams arriving {(options.SpreadArrivals ? "spread over a stream's length" : "together")} in each slice, {options.Repeat} run(s), each target warmed up first for {options.InitialWarmup.TotalSeconds:0.#} s at no delay."));
        Write("");
        Write(_perRun.Header);
    }

    public void Add(Cell cell)
    {
        _cells.Add(cell);
        Write(_perRun.Row(cell));
    }

    /// <summary>Over several runs, each delay and level's spread: the median run and the two extremes.</summary>
    public void AddSpreadAcrossRuns()
    {
        if (_options.Repeat < 2)
        {
            return;
        }

        var table = new MarkdownTable<IReadOnlyList<Cell>>(ReportColumns.AcrossRuns(_options));
        Write("");
        Write(string.Create(CultureInfo.InvariantCulture, $"Across {_options.Repeat} runs: median [lowest, highest] of the runs' values."));
        Write("");
        Write(table.Header);
        foreach (var runs in _cells.GroupBy(c => (c.DelayMs, c.Streams)))
        {
            Write(table.Row([.. runs]));
        }
    }

    public void AddNote(string note)
    {
        Write("");
        Write(note);
    }

    public void Save(string? path)
    {
        if (path is not null)
        {
            File.WriteAllText(path, _markdown.ToString());
        }
    }

    private void Write(string line)
    {
        _markdown.AppendLine(line);
        Console.WriteLine(line);
    }
}
