using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class CurrentTimeToolTests
{
    [Theory]
    [InlineData("2026-01-15T12:00:00Z", "Europe/Paris", "2026-01-15T13:00:00+01:00", "Thursday")]
    [InlineData("2026-07-15T12:00:00Z", "Europe/Paris", "2026-07-15T14:00:00+02:00", "Wednesday")]
    [InlineData("2026-07-15T02:00:00Z", "America/New_York", "2026-07-14T22:00:00-04:00", "Tuesday")]
    public async Task Tells_the_time_in_an_iana_zone_with_its_offset(string utcNow, string zone, string expected, string dayOfWeek)
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture)));

        var result = await tool.InvokeAsync(Arguments($$"""{"timezone":"{{zone}}"}"""), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result["iso8601"]!.GetValue<string>());
        Assert.Equal(expected[^6..], result["utc_offset"]!.GetValue<string>());
        Assert.Equal(dayOfWeek, result["day_of_week"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uses_utc_when_no_zone_is_given()
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero)));

        var result = await tool.InvokeAsync(Arguments("{}"), TestContext.Current.CancellationToken);

        Assert.Equal("UTC", result["timezone"]!.GetValue<string>());
        Assert.Equal("2026-11-24T22:30:00+00:00", result["iso8601"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_an_unknown_zone()
    {
        var tool = new CurrentTimeTool(new FakeTimeProvider());

        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await tool.InvokeAsync(Arguments("""{"timezone":"Mars/Olympus_Mons"}"""), TestContext.Current.CancellationToken));

        Assert.Contains("Mars/Olympus_Mons", failure.Message, StringComparison.Ordinal);
    }

    private static JsonElement Arguments(string json) => JsonDocument.Parse(json).RootElement;
}
