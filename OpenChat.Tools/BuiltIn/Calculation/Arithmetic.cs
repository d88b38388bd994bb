namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>
/// The operators and functions: in decimal where the operands are decimals, checked for rounding so
/// <see cref="Number.IsExact"/> tells the truth, and in double where decimal cannot go (its range, irrational
/// results).
/// </summary>
internal static class Arithmetic
{
    // Enough for any power decimal can hold (2^96 already overflows) while bounding the loop.
    private const int MaxDecimalExponent = 256;

    // decimal keeps 28 places after the point, so a rounded value this large still carries 20 significant
    // digits, more than double's 16; a smaller one (0.5^40) is better off in double than losing digits at each step.
    private const decimal SmallestPreciseRounded = 0.00000001m;

    public static Number Add(Number a, Number b) =>
        Combine(a, b, static (x, y) => x + y, static (sum, x, y) => ExactDecimal.IsSum(sum, x, y), static (x, y) => x + y);

    public static Number Subtract(Number a, Number b) =>
        Combine(a, b, static (x, y) => x - y, static (difference, x, y) => ExactDecimal.IsSum(difference, x, -y), static (x, y) => x - y);

    public static Number Multiply(Number a, Number b) =>
        Combine(a, b, static (x, y) => x * y, static (product, x, y) => ExactDecimal.IsProduct(product, x, y), static (x, y) => x * y);

    public static Number Divide(Number a, Number b)
    {
        ThrowIfZero(b, "Division by zero.");
        return Combine(a, b, static (x, y) => x / y, static (quotient, x, y) => ExactDecimal.IsProduct(x, quotient, y), static (x, y) => x / y);
    }

    public static Number Remainder(Number a, Number b)
    {
        ThrowIfZero(b, "Remainder of division by zero.");
        // decimal's remainder is computed exactly whenever it fits.
        return Combine(a, b, static (x, y) => x % y, static (_, _, _) => true, static (x, y) => x % y);
    }

    public static Number Negate(Number a) => Map(a, static x => -x, static x => -x);

    public static Number Absolute(Number a) => Map(a, Math.Abs, Math.Abs);

    public static Number Floor(Number a) => Map(a, decimal.Floor, Math.Floor);

    public static Number Ceiling(Number a) => Map(a, decimal.Ceiling, Math.Ceiling);

    public static Number Round(Number a, Number digits)
    {
        if (!digits.IsInteger || digits.Approximate is < 0 or > 15)
        {
            throw new CalculationException("round takes a whole number of digits from 0 to 15.");
        }

        var places = (int)digits.Approximate;
        return Map(a,
            x => decimal.Round(x, places, MidpointRounding.AwayFromZero),
            x => Math.Round(x, places, MidpointRounding.AwayFromZero));
    }

    public static Number Power(Number @base, Number exponent)
    {
        if (@base.DecimalValue is not null && exponent.IsInteger && Math.Abs(exponent.Approximate) <= MaxDecimalExponent)
        {
            if (@base.Approximate == 0 && exponent.Approximate < 0)
            {
                throw new CalculationException("Zero cannot be raised to a negative power.");
            }

            var result = Number.Exactly(1m);
            for (var i = 0; i < Math.Abs(exponent.Approximate); i++)
            {
                result = Multiply(result, @base);
            }

            result = exponent.Approximate < 0 ? Divide(Number.Exactly(1m), result) : result;
            return exponent.IsExact ? result : result.AsInexact();
        }

        if (@base.Approximate < 0 && !exponent.IsInteger)
        {
            throw new CalculationException("A negative number cannot be raised to a fractional power.");
        }

        return Number.Of(Math.Pow(@base.Approximate, exponent.Approximate));
    }

    public static Number SquareRoot(Number a)
    {
        if (a.Approximate < 0)
        {
            throw new CalculationException("The square root of a negative number is not a real number.");
        }

        var root = Math.Sqrt(a.Approximate);
        // A perfect square, such as 144 or 2.25, keeps an exact root.
        if (a is { DecimalValue: { } value, IsExact: true } && (decimal)root is var candidate && ExactDecimal.IsProduct(value, candidate, candidate))
        {
            return Number.Exactly(candidate);
        }

        return Number.Of(root);
    }

    public static Number Logarithm(Number a, Func<double, double> log)
    {
        if (a.Approximate <= 0)
        {
            throw new CalculationException("The logarithm is defined only for positive numbers.");
        }

        return Number.Of(log(a.Approximate));
    }

    public static Number Exponential(Number a) => Number.Of(Math.Exp(a.Approximate));

    public static Number Min(IReadOnlyList<Number> values) => values.MinBy(value => value.Approximate);

    public static Number Max(IReadOnlyList<Number> values) => values.MaxBy(value => value.Approximate);

    private static Number Combine(
        Number a,
        Number b,
        Func<decimal, decimal, decimal> inDecimal,
        Func<decimal, decimal, decimal, bool> isExact,
        Func<double, double, double> inDouble)
    {
        var approximate = inDouble(a.Approximate, b.Approximate);
        if (a.DecimalValue is { } x && b.DecimalValue is { } y)
        {
            try
            {
                var result = inDecimal(x, y);
                if (a.IsExact && b.IsExact && isExact(result, x, y))
                {
                    return Number.Exactly(result);
                }

                if (Math.Abs(result) >= SmallestPreciseRounded)
                {
                    return Number.InDecimal(result, isExact: false);
                }
            }
            catch (OverflowException)
            {
                // Past decimal's range: double carries on below.
            }
        }

        return Number.Of(approximate);
    }

    private static Number Map(Number a, Func<decimal, decimal> inDecimal, Func<double, double> inDouble) =>
        a.DecimalValue is { } value ? Number.InDecimal(inDecimal(value), a.IsExact) : Number.Of(inDouble(a.Approximate));

    private static void ThrowIfZero(Number divisor, string message)
    {
        if (divisor.DecimalValue is 0m || divisor is { DecimalValue: null, Approximate: 0 })
        {
            throw new CalculationException(message);
        }
    }
}
