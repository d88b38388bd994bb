using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan s_base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(6, 60)]
    [InlineData(1000, 60)]
    public void Doubles_from_the_base_up_to_the_maximum_keeping_at_least_half_of_it(int failures, int ceilingSeconds)
    {
        var ceiling = TimeSpan.FromSeconds(ceilingSeconds);

        var delays = Enumerable.Range(0, 200).Select(_ => ReconnectBackoff.Delay(failures, s_base, s_max)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, ceiling / 2, ceiling));
        Assert.True(delays.Distinct().Count() > 1, "the delays are jittered");
    }
}
