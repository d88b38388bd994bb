namespace OpenChat.LoadGenerator;

/// <summary>What one target (direct or through the Api) did at one level, over all its slices.</summary>
internal sealed class TargetStats
{
    private readonly List<double> _firstContent = [];
    private readonly List<double> _total = [];
    private readonly List<double> _completionsPerSecond = [];
    private readonly List<double> _chunksPerSecond = [];
    private TimeSpan _cpu;
    private long _chunks;

    public int Errors { get; private set; }

    /// <summary>The mean over the slices, which all run for the same time.</summary>
    public double CompletionsPerSecond => _completionsPerSecond.Average();

    public double ChunksPerSecond => _chunksPerSecond.Average();

    /// <summary>CPU microseconds the measured server spent per chunk it delivered.</summary>
    public double CpuMicrosecondsPerChunk => _cpu.TotalMicroseconds / _chunks;

    public void Add(SliceResult slice)
    {
        _completionsPerSecond.Add(slice.CompletionsPerSecond);
        _chunksPerSecond.Add(slice.ChunksPerSecond);
        _cpu += slice.Cpu;
        foreach (var stream in slice.Streams)
        {
            if (!stream.Ok)
            {
                Errors++;
                continue;
            }

            _firstContent.Add(stream.TimeToFirstContentMs);
            _total.Add(stream.TotalMs);
            _chunks += stream.Chunks;
        }
    }

    public double FirstContent(double percentile) => Percentile(_firstContent, percentile);

    public double Total(double percentile) => Percentile(_total, percentile);

    private static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(percentile / 100 * values.Count) - 1;
        return values[Math.Clamp(rank, 0, values.Count - 1)];
    }
}
