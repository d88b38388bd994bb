using System.Globalization;

namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>
/// A calculator value: an exact decimal while the arithmetic allows, a double once it does not (irrational
/// functions, overflow of decimal's range). 0.1 + 0.2 stays 0.3.
/// </summary>
public readonly record struct Number
{
    private Number(decimal exact)
    {
        Exact = exact;
        Approximate = (double)exact;
    }

    private Number(double approximate)
    {
        if (double.IsNaN(approximate) || double.IsInfinity(approximate))
        {
            throw new CalculationException("The result is not a finite number.");
        }

        Approximate = approximate;
    }

    /// <summary>The exact value, when there is one.</summary>
    public decimal? Exact { get; }

    public double Approximate { get; }

    public static Number Of(decimal value) => new(value);

    public static Number Of(double value) => new(value);

    public bool IsInteger => Exact is { } exact ? decimal.Truncate(exact) == exact : Math.Floor(Approximate) == Approximate;

    public override string ToString() => Exact is { } exact
        ? exact.ToString("G29", CultureInfo.InvariantCulture)
        : Approximate.ToString("R", CultureInfo.InvariantCulture);
}
