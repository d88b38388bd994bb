using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class DateDifferenceToolTests
{
    private readonly DateDifferenceTool _tool = new();

    [Theory]
    [InlineData("2026-01-01", "2026-03-01", 59, 0, 2, 0)]
    [InlineData("2026-01-31", "2026-03-01", 29, 0, 1, 1)]
    [InlineData("2024-02-29", "2025-02-28", 365, 1, 0, 0)]
    [InlineData("2000-01-01", "2026-11-24", 9824, 26, 10, 23)]
    [InlineData("2026-12-25", "2026-11-24", -31, 0, -1, -1)]
    [InlineData("2026-11-24", "2026-11-24", 0, 0, 0, 0)]
    public async Task Counts_days_and_whole_years_months_and_days(string start, string end, int days, int years, int months, int remainingDays)
    {
        var result = await _tool.InvokeAsync(JsonSerializer.SerializeToElement(new { start, end }), TestContext.Current.CancellationToken);

        Assert.Equal(days, result["days"]!.GetValue<int>());
        Assert.Equal((years, months, remainingDays), (
            result["calendar"]!["years"]!.GetValue<int>(),
            result["calendar"]!["months"]!.GetValue<int>(),
            result["calendar"]!["days"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Answers_both_dates_the_days_and_the_calendar_span()
    {
        var result = await _tool.InvokeAsync(JsonSerializer.SerializeToElement(new { start = "2026-01-01", end = "2026-12-25" }), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"start":"2026-01-01","end":"2026-12-25","days":358,"calendar":{"years":0,"months":11,"days":24}}"""),
            result), result.ToJsonString());
    }

    [Theory]
    [InlineData("2026-02-30", "2026-03-01", "start '2026-02-30' is not a date on the calendar.")]
    [InlineData("2026-01-01", "2026-13-01", "end '2026-13-01' is not a date on the calendar.")]
    public async Task Names_a_date_that_is_not_on_the_calendar(string start, string end, string message)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await _tool.InvokeAsync(JsonSerializer.SerializeToElement(new { start, end }), TestContext.Current.CancellationToken));

        Assert.Equal(message, failure.Message);
    }
}
