using System.Text.Json;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class ConvertUnitsToolTests
{
    private readonly ConvertUnitsTool _tool = new();

    [Theory]
    [InlineData(1, "mi", "km", "1.609344")]
    [InlineData(12, "in", "ft", "1")]
    [InlineData(1, "lb", "g", "453.59237")]
    [InlineData(1, "gal", "l", "3.785411784")]
    [InlineData(212, "F", "C", "100")]
    [InlineData(0, "C", "K", "273.15")]
    [InlineData(-40, "c", "f", "-40")]
    public async Task Converts_exactly_within_a_dimension(decimal value, string from, string to, string expected)
    {
        var result = await _tool.InvokeAsync(Arguments(value, from, to), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result["result"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("kg", "m", "Cannot convert mass")]
    [InlineData("parsec", "m", "Unknown unit 'parsec'")]
    public async Task Refuses_conversions_that_make_no_sense(string from, string to, string reason)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await _tool.InvokeAsync(Arguments(1, from, to), TestContext.Current.CancellationToken));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    private static JsonElement Arguments(decimal value, string from, string to) =>
        JsonSerializer.SerializeToElement(new { value, from, to });
}
