using System.Globalization;
using System.Text;

namespace OpenChat.LoadGenerator;

/// <summary>The results as a Markdown table, one row per delay and level, printed as they come.</summary>
internal sealed class Report
{
    private const string Header =
        "| delay ms | streams | direct c/s | Api c/s | Api/direct | TTFT p50 direct / Api (added) ms | TTFT p90 added ms | TTFT p99 direct / Api (added) ms | total p50 added ms | chunks/s via Api | simulator / Api CPU µs per chunk | errors direct / Api | Api peak RSS MB |\n" +
        "|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---|---|---:|";

    private readonly StringBuilder _markdown = new();

    public Report(BenchmarkOptions options)
    {
        _markdown.AppendLine(CultureInfo.InvariantCulture,
            $"{options.Tokens} chunks a stream, {options.Duration.TotalSeconds:0} s per target and level in {options.Slices} interleaved slices, transcripts {(options.Transcripts ? "on" : "off")}.");
        _markdown.AppendLine();
        _markdown.AppendLine(Header);
        Console.WriteLine(_markdown.ToString().TrimEnd());
    }

    public void Add(int delayMs, int streams, TargetStats direct, TargetStats api, long apiPeakRssBytes)
    {
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {delayMs} | {streams} | {direct.CompletionsPerSecond:0.0} | {api.CompletionsPerSecond:0.0} | {api.CompletionsPerSecond / direct.CompletionsPerSecond:0.000} " +
            $"| {direct.FirstContent(50):0.00} / {api.FirstContent(50):0.00} ({api.FirstContent(50) - direct.FirstContent(50):+0.00;-0.00}) " +
            $"| {api.FirstContent(90) - direct.FirstContent(90):+0.00;-0.00} " +
            $"| {direct.FirstContent(99):0.00} / {api.FirstContent(99):0.00} ({api.FirstContent(99) - direct.FirstContent(99):+0.00;-0.00}) " +
            $"| {api.Total(50) - direct.Total(50):+0.00;-0.00} | {api.ChunksPerSecond:0} | {direct.CpuMicrosecondsPerChunk:0.0} / {api.CpuMicrosecondsPerChunk:0.0} " +
            $"| {direct.Errors} / {api.Errors} | {apiPeakRssBytes / (1024.0 * 1024):0} |");
        _markdown.AppendLine(row);
        Console.WriteLine(row);
    }

    public void Save(string? path)
    {
        if (path is not null)
        {
            File.WriteAllText(path, _markdown.ToString());
        }
    }
}
