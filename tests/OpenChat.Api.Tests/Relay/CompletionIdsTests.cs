using OpenChat.Api.Completions;

namespace OpenChat.Api.Tests.Relay;

public sealed class CompletionIdsTests
{
    [Fact]
    public void Ids_sort_in_creation_order_and_are_unique()
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 100).Select(i => CompletionIds.New(start.AddMilliseconds(i))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(CompletionIds.IsWellFormed(id)));
    }

    [Fact]
    public void Ids_of_one_instant_differ_across_many_draws_of_random_bytes()
    {
        // Random bytes are drawn in batches per thread: a thousand ids in one millisecond cross many batches.
        var instant = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        var randomParts = Enumerable.Range(0, 1000).Select(_ => CompletionIds.New(instant)[^16..]).ToList();

        Assert.Equal(1000, randomParts.Distinct().Count());
    }

    [Fact]
    public void The_lower_bound_of_a_time_sorts_between_earlier_and_later_ids()
    {
        var time = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        var bound = CompletionIds.LowerBound(time);

        Assert.True(string.CompareOrdinal(CompletionIds.New(time.AddMilliseconds(-1)), bound) < 0);
        Assert.True(string.CompareOrdinal(CompletionIds.New(time), bound) >= 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tr_123")]
    [InlineData("tr_0123456789abcdef0123456789ABCD")]
    [InlineData("xx_0123456789abcdef0123456789ab")]
    public void Rejects_malformed_ids(string? id) => Assert.False(CompletionIds.IsWellFormed(id));
}
