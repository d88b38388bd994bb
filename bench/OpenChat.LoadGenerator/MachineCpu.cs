using System.Globalization;

namespace OpenChat.LoadGenerator;

/// <summary>
/// The busy time of all the machine's cores together, from <c>/proc/stat</c>: every process of the run (the load
/// generator, the simulators, the relays, Redis) and the kernel's network work, which no process is charged for.
/// </summary>
internal static class MachineCpu
{
    // Of "cpu  user nice system idle iowait irq softirq steal ...", the first line, which sums every core.
    private static readonly int[] s_busyFields = [1, 2, 3, 6, 7, 8];

    /// <summary>User, nice, system, irq, softirq and steal time so far, in clock ticks of 10 ms.</summary>
    public static TimeSpan ReadBusyTime()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = s_busyFields.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return ClockTicks.ToTimeSpan(ticks);
    }
}
