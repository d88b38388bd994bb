namespace OpenChat.Tools.BuiltIn.Conversion;

/// <summary>
/// A unit and how it maps to its dimension's base unit (metre, kilogram, litre, kelvin):
/// base = (value + <see cref="Offset"/>) × <see cref="Scale"/> ÷ <see cref="Divisor"/>. Every factor is an exact
/// definition (an inch is 0.0254 m, a pound 0.45359237 kg, a US gallon 231 in³), and the divisor keeps the
/// Fahrenheit degree at exactly 5/9 of a kelvin.
/// </summary>
internal sealed record MeasurementUnit(string Symbol, string Dimension, decimal Scale, decimal Divisor = 1m, decimal Offset = 0m)
{
    public const string Temperature = "temperature";

    public static IReadOnlyList<MeasurementUnit> All { get; } =
    [
        new("mm", "length", 0.001m),
        new("cm", "length", 0.01m),
        new("m", "length", 1m),
        new("km", "length", 1000m),
        new("in", "length", 0.0254m),
        new("ft", "length", 0.3048m),
        new("yd", "length", 0.9144m),
        new("mi", "length", 1609.344m),
        new("mg", "mass", 0.000001m),
        new("g", "mass", 0.001m),
        new("kg", "mass", 1m),
        new("t", "mass", 1000m),
        new("oz", "mass", 0.028349523125m),
        new("lb", "mass", 0.45359237m),
        new("ml", "volume", 0.001m),
        new("l", "volume", 1m),
        new("m3", "volume", 1000m),
        new("gal", "volume", 3.785411784m),
        new("qt", "volume", 0.946352946m),
        new("pt", "volume", 0.473176473m),
        new("C", Temperature, 1m, Offset: 273.15m),
        new("F", Temperature, 5m, Divisor: 9m, Offset: 459.67m),
        new("K", Temperature, 1m),
    ];

    public decimal ToBase(decimal value) => (value + Offset) * Scale / Divisor;

    public decimal FromBase(decimal value) => (value * Divisor / Scale) - Offset;
}
