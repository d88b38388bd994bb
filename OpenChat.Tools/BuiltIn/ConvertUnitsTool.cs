using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.BuiltIn.Conversion;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>convert_units</c>: converts lengths, masses, volumes and temperatures in decimal arithmetic.</summary>
public sealed class ConvertUnitsTool : IServerTool
{
    // Enough for any measurement, and few enough that a repeating quotient (100 °F in °C) reads cleanly.
    private const int SignificantDigits = 15;

    private static readonly Dictionary<string, MeasurementUnit> s_units = MeasurementUnit.All.ToDictionary(unit => unit.Symbol, StringComparer.Ordinal);

    // The unit lists come from the table, so the schema can never offer a unit the tool does not know.
    private static readonly JsonElement s_parameters = JsonSerializer.SerializeToElement(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["value"] = new JsonObject { ["type"] = "number", ["description"] = "The quantity to convert, for example 26.2." },
            ["from"] = UnitSchema("The unit of the value, for example \"mi\"."),
            ["to"] = UnitSchema("The unit to convert to, in the same dimension, for example \"km\"."),
        },
        ["required"] = new JsonArray("value", "from", "to"),
        ["additionalProperties"] = false,
    });

    public string Name => "convert_units";

    public string Description =>
        "Converts a value between units of one dimension: length (mm, cm, m, km, in, ft, yd, mi), mass (mg, g, kg, t, oz, lb), " +
        "volume (ml, l, m3, gal, qt, pt; US measures) or temperature (C, F, K). The result is a decimal string, " +
        "exact where the conversion is, otherwise to 15 significant digits.";

    public JsonElement ParametersSchema => s_parameters;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!arguments.GetProperty("value").TryGetDecimal(out var value))
        {
            throw new ToolFailureException("value is outside the range this tool converts (about ±7.9e28).");
        }

        var from = s_units[arguments.GetProperty("from").GetString()!];
        var to = s_units[arguments.GetProperty("to").GetString()!];
        if (from.Dimension != to.Dimension)
        {
            throw new ToolFailureException($"Cannot convert {from.Dimension} ({from.Symbol}) to {to.Dimension} ({to.Symbol}).");
        }

        decimal result;
        try
        {
            var inBase = from.ToBase(value);
            if (from.Dimension == MeasurementUnit.Temperature && inBase < 0)
            {
                throw new ToolFailureException($"{DecimalText.Format(value)} {from.Symbol} is below absolute zero.");
            }

            result = to.FromBase(inBase);
        }
        catch (OverflowException)
        {
            throw new ToolFailureException($"The result is too large to represent (above about 7.9e28 {to.Symbol}).");
        }

        return ValueTask.FromResult<JsonNode>(new JsonObject
        {
            ["value"] = value,
            ["from"] = from.Symbol,
            ["to"] = to.Symbol,
            ["result"] = DecimalText.Format(RoundToSignificantDigits(result)),
        });
    }

    private static JsonObject UnitSchema(string description) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. MeasurementUnit.All.Select(unit => JsonValue.Create(unit.Symbol))]),
        ["description"] = description,
    };

    private static decimal RoundToSignificantDigits(decimal value)
    {
        if (value == 0)
        {
            return value;
        }

        var integerDigits = (int)Math.Floor(Math.Log10((double)Math.Abs(value))) + 1;
        return decimal.Round(value, Math.Clamp(SignificantDigits - integerDigits, 0, 28));
    }
}
