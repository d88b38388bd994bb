namespace OpenChat.LoadGenerator;

/// <summary>The unit of CPU time in <c>/proc</c> (USER_HZ, 100 on Linux).</summary>
internal static class ClockTicks
{
    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromMilliseconds(ticks * 10);
}
