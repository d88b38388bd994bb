using System.Globalization;

namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>
/// A calculator value: a decimal while the arithmetic stays within decimal's range and off the functions that
/// only double has (exp, ln, sqrt of a non-square), a double after that. <see cref="IsExact"/> says whether
/// anything was rounded on the way: 0.1 + 0.2 is exactly 0.3, 1/3 is 28 threes and not exact.
/// </summary>
internal readonly record struct Number
{
    private Number(decimal value, bool isExact)
    {
        DecimalValue = value;
        Approximate = (double)value;
        IsExact = isExact;
    }

    private Number(double value)
    {
        if (double.IsInfinity(value))
        {
            throw new CalculationException("The result is too large to represent.");
        }

        if (double.IsNaN(value))
        {
            throw new CalculationException("The result is not a real number.");
        }

        // A result that underflows from below is negative zero, which would read "-0": it is zero.
        Approximate = value == 0 ? 0 : value;
    }

    public decimal? DecimalValue { get; }

    public double Approximate { get; }

    public bool IsExact { get; }

    public bool IsInteger => DecimalValue is { } value ? decimal.Truncate(value) == value : Math.Floor(Approximate) == Approximate;

    public static Number Exactly(decimal value) => new(value, isExact: true);

    public static Number InDecimal(decimal value, bool isExact) => new(value, isExact);

    public static Number Of(double value) => new(value);

    public Number AsInexact() => DecimalValue is { } value ? new(value, isExact: false) : this;

    public override string ToString() => DecimalValue is { } value
        ? DecimalText.Format(value)
        : Approximate.ToString("R", CultureInfo.InvariantCulture);
}
