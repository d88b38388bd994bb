namespace OpenChat.LoadGenerator;

/// <summary>What one target did in one cell (a delay and a level, in one run), over all its slices.</summary>
internal sealed class TargetStats
{
    private readonly List<double> _firstContent = [];
    private readonly List<double> _total = [];
    private readonly List<double> _completionsPerSecond = [];
    private TimeSpan _cpu;
    private TimeSpan _storeCpu;
    private TimeSpan _modelCpu;
    private TimeSpan _machineCpu;

    public int Errors { get; private set; }

    /// <summary>The completed streams the percentiles are taken over.</summary>
    public int Samples => _firstContent.Count;

    /// <summary>The mean over the slices, which all run for the same time.</summary>
    public double CompletionsPerSecond => _completionsPerSecond.Average();

    /// <summary>CPU microseconds the measured server spent per completed stream.</summary>
    public double CpuMicrosecondsPerRequest => _cpu.TotalMicroseconds / Samples;

    /// <summary>CPU microseconds the target's store (the Api's Redis) spent per completed stream.</summary>
    public double StoreCpuMicrosecondsPerRequest => _storeCpu.TotalMicroseconds / Samples;

    /// <summary>CPU microseconds the simulators spent per completed stream of this target.</summary>
    public double ModelCpuMicrosecondsPerRequest => _modelCpu.TotalMicroseconds / Samples;

    /// <summary>Busy microseconds of the whole machine per completed stream: what one costs everything on its cores.</summary>
    public double MachineCpuMicrosecondsPerRequest => _machineCpu.TotalMicroseconds / Samples;

    public long PeakRssBytes { get; private set; }

    public void Add(SliceResult slice)
    {
        _completionsPerSecond.Add(slice.CompletionsPerSecond);
        _cpu += slice.Cpu;
        _storeCpu += slice.StoreCpu;
        _modelCpu += slice.ModelCpu;
        _machineCpu += slice.MachineCpu;
        PeakRssBytes = Math.Max(PeakRssBytes, slice.PeakRssBytes);
        foreach (var stream in slice.Streams)
        {
            if (!stream.Ok)
            {
                Errors++;
                continue;
            }

            _firstContent.Add(stream.TimeToFirstContentMs);
            _total.Add(stream.TotalMs);
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
