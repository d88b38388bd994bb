using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class ConvertUnitsToolTests
{
    private readonly ConvertUnitsTool _tool = new();

    [Theory]
    [InlineData("1", "mi", "km", "1.609344")]
    [InlineData("26.2", "mi", "km", "42.1648128")]
    [InlineData("12", "in", "ft", "1")]
    [InlineData("1", "km", "mm", "1000000")]
    [InlineData("1", "lb", "g", "453.59237")]
    [InlineData("16", "oz", "lb", "1")]
    [InlineData("1", "gal", "l", "3.785411784")]
    [InlineData("4", "qt", "gal", "1")]
    [InlineData("1", "m3", "l", "1000")]
    [InlineData("212", "F", "C", "100")]
    [InlineData("0", "C", "K", "273.15")]
    [InlineData("-40", "C", "F", "-40")]
    [InlineData("0", "K", "F", "-459.67")]
    public async Task Converts_exactly_where_the_definitions_allow(string value, string from, string to, string expected)
    {
        var result = await _tool.InvokeAsync(Arguments(value, from, to), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result["result"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("100", "F", "C", "37.7777777777778")]
    [InlineData("1", "m", "ft", "3.28083989501312")]
    [InlineData("1", "mm", "mi", "0.000000621371192237334")]
    public async Task Rounds_repeating_results_to_15_significant_digits(string value, string from, string to, string expected)
    {
        var result = await _tool.InvokeAsync(Arguments(value, from, to), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_the_value_the_units_and_the_result()
    {
        var result = await _tool.InvokeAsync(Arguments("1", "km", "m"), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"value":1,"from":"km","to":"m","result":"1000"}"""), result), result.ToJsonString());
    }

    [Theory]
    [InlineData("1", "kg", "m", "Cannot convert mass (kg) to length (m).")]
    [InlineData("1", "l", "C", "Cannot convert volume (l) to temperature (C).")]
    [InlineData("-300", "C", "K", "-300 C is below absolute zero.")]
    [InlineData("-1", "K", "C", "-1 K is below absolute zero.")]
    [InlineData("70000000000000000000000000000", "km", "mm", "The result is too large to represent (above about 7.9e28 mm).")]
    [InlineData("1e30", "m", "km", "value is outside the range this tool converts (about ±7.9e28).")]
    public async Task Refuses_conversions_that_make_no_sense(string value, string from, string to, string message)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await _tool.InvokeAsync(Arguments(value, from, to), TestContext.Current.CancellationToken));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void Offers_in_its_schema_exactly_the_units_it_knows()
    {
        var properties = _tool.ParametersSchema.GetProperty("properties");
        string[] units = ["mm", "cm", "m", "km", "in", "ft", "yd", "mi", "mg", "g", "kg", "t", "oz", "lb", "ml", "l", "m3", "gal", "qt", "pt", "C", "F", "K"];

        Assert.Equal(units, properties.GetProperty("from").GetProperty("enum").EnumerateArray().Select(unit => unit.GetString()));
        Assert.Equal(units, properties.GetProperty("to").GetProperty("enum").EnumerateArray().Select(unit => unit.GetString()));
    }

    private static JsonElement Arguments(string value, string from, string to) =>
        JsonElement.Parse($$"""{"value":{{value}},"from":"{{from}}","to":"{{to}}"}""");
}
