using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>convert_units</c>: converts lengths, masses, volumes and temperatures, exactly in decimal.</summary>
public sealed class ConvertUnitsTool : IServerTool
{
    // Each unit's size in its dimension's base unit (metre, kilogram, litre), from the exact definitions.
    private static readonly Dictionary<string, (string Dimension, decimal Factor)> s_units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mm"] = ("length", 0.001m),
        ["cm"] = ("length", 0.01m),
        ["m"] = ("length", 1m),
        ["km"] = ("length", 1000m),
        ["in"] = ("length", 0.0254m),
        ["ft"] = ("length", 0.3048m),
        ["yd"] = ("length", 0.9144m),
        ["mi"] = ("length", 1609.344m),
        ["mg"] = ("mass", 0.000001m),
        ["g"] = ("mass", 0.001m),
        ["kg"] = ("mass", 1m),
        ["t"] = ("mass", 1000m),
        ["oz"] = ("mass", 0.028349523125m),
        ["lb"] = ("mass", 0.45359237m),
        ["ml"] = ("volume", 0.001m),
        ["l"] = ("volume", 1m),
        ["m3"] = ("volume", 1000m),
        ["gal"] = ("volume", 3.785411784m),
        ["qt"] = ("volume", 0.946352946m),
        ["pt"] = ("volume", 0.473176473m),
        ["c"] = ("temperature", 0m),
        ["f"] = ("temperature", 0m),
        ["k"] = ("temperature", 0m),
    };

    public string Name => "convert_units";

    public string Description =>
        "Converts a value between units of length (mm, cm, m, km, in, ft, yd, mi), mass (mg, g, kg, t, oz, lb), " +
        "volume (ml, l, m3, gal, qt, pt; US measures) or temperature (C, F, K).";

    public string ParametersSchema => """
        {
          "type": "object",
          "properties": {
            "value": { "type": "number", "description": "The quantity to convert." },
            "from": { "type": "string", "description": "The unit of the value, for example \"mi\"." },
            "to": { "type": "string", "description": "The unit to convert to, for example \"km\"." }
          },
          "required": ["value", "from", "to"],
          "additionalProperties": false
        }
        """;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!arguments.GetProperty("value").TryGetDecimal(out var value))
        {
            throw new ToolFailureException("value is outside the range this tool converts (about ±7.9e28).");
        }

        var from = Unit(arguments.GetProperty("from").GetString()!);
        var to = Unit(arguments.GetProperty("to").GetString()!);
        if (from.Dimension != to.Dimension)
        {
            throw new ToolFailureException($"Cannot convert {from.Dimension} ({from.Name}) to {to.Dimension} ({to.Name}).");
        }

        var result = from.Dimension == "temperature"
            ? FromKelvin(ToKelvin(value, from.Name), to.Name)
            : value * from.Factor / to.Factor;
        return ValueTask.FromResult<JsonNode>(new JsonObject
        {
            ["value"] = value,
            ["from"] = from.Name,
            ["to"] = to.Name,
            ["result"] = decimal.Round(result, 12).ToString("G29", CultureInfo.InvariantCulture),
        });
    }

    private static (string Name, string Dimension, decimal Factor) Unit(string name) =>
        s_units.TryGetValue(name.Trim(), out var unit)
            ? (name.Trim(), unit.Dimension, unit.Factor)
            : throw new ToolFailureException($"Unknown unit '{name}'. Known units: {string.Join(", ", s_units.Keys)}.");

    private static decimal ToKelvin(decimal value, string unit) => unit.ToUpperInvariant() switch
    {
        "C" => value + 273.15m,
        "F" => ((value - 32m) * 5m / 9m) + 273.15m,
        _ => value,
    };

    private static decimal FromKelvin(decimal kelvin, string unit) => unit.ToUpperInvariant() switch
    {
        "C" => kelvin - 273.15m,
        "F" => ((kelvin - 273.15m) * 9m / 5m) + 32m,
        _ => kelvin,
    };
}
