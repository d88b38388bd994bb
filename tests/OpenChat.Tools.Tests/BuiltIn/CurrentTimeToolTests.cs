using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class CurrentTimeToolTests
{
    [Theory]
    [InlineData("2026-01-15T12:00:00Z", "Europe/Paris", "2026-01-15T13:00:00+01:00", "+01:00", "Thursday")]
    [InlineData("2026-07-15T12:00:00Z", "Europe/Paris", "2026-07-15T14:00:00+02:00", "+02:00", "Wednesday")]
    [InlineData("2026-11-24T21:15:00Z", "Europe/Paris", "2026-11-24T22:15:00+01:00", "+01:00", "Tuesday")]
    [InlineData("2026-07-15T02:00:00Z", "America/New_York", "2026-07-14T22:00:00-04:00", "-04:00", "Tuesday")]
    [InlineData("2026-01-15T12:00:00Z", "Asia/Kolkata", "2026-01-15T17:30:00+05:30", "+05:30", "Thursday")]
    public async Task Tells_the_time_in_an_iana_zone_with_its_offset_and_weekday(string utcNow, string zone, string iso8601, string offset, string dayOfWeek)
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider(DateTimeOffset.Parse(utcNow, CultureInfo.InvariantCulture)));

        var result = await tool.InvokeAsync(Arguments(new { timezone = zone }), TestContext.Current.CancellationToken);

        Assert.Equal(zone, result["timezone"]!.GetValue<string>());
        Assert.Equal(iso8601, result["iso8601"]!.GetValue<string>());
        Assert.Equal(offset, result["utc_offset"]!.GetValue<string>());
        Assert.Equal(dayOfWeek, result["day_of_week"]!.GetValue<string>());
    }

    [Fact]
    public async Task Follows_the_clock_across_a_daylight_saving_change()
    {
        // Paris moves from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 0, 59, 59, TimeSpan.Zero));
        var tool = new CurrentTimeTool(clock);
        var paris = Arguments(new { timezone = "Europe/Paris" });

        var before = await tool.InvokeAsync(paris, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await tool.InvokeAsync(paris, TestContext.Current.CancellationToken);

        Assert.Equal("2026-03-29T01:59:59+01:00", before["iso8601"]!.GetValue<string>());
        Assert.Equal("2026-03-29T03:00:00+02:00", after["iso8601"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uses_utc_when_no_zone_is_given()
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero)));

        var result = await tool.InvokeAsync(Arguments(new { }), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"timezone":"UTC","iso8601":"2026-11-24T22:30:00+00:00","utc_offset":"+00:00","day_of_week":"Tuesday"}"""),
            result), result.ToJsonString());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("Europe/Paris/")]
    public async Task Names_a_zone_it_does_not_know(string zone)
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider());

        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await tool.InvokeAsync(Arguments(new { timezone = zone }), TestContext.Current.CancellationToken));

        Assert.Equal($"Unknown time zone '{zone}'. Use an IANA name such as Europe/Paris or America/New_York.", failure.Message);
    }

    private static JsonElement Arguments(object arguments) => JsonSerializer.SerializeToElement(arguments);
}
