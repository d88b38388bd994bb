namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>The operators and functions, exact in decimal where the result is exact, in double otherwise.</summary>
public static class Arithmetic
{
    private const int MaxExactExponent = 256;

    public static Number Add(Number a, Number b) => Exactly(a, b, static (x, y) => x + y, static (x, y) => x + y);

    public static Number Subtract(Number a, Number b) => Exactly(a, b, static (x, y) => x - y, static (x, y) => x - y);

    public static Number Multiply(Number a, Number b) => Exactly(a, b, static (x, y) => x * y, static (x, y) => x * y);

    public static Number Divide(Number a, Number b)
    {
        ThrowIfZero(b, "Division by zero.");
        return Exactly(a, b, static (x, y) => x / y, static (x, y) => x / y);
    }

    public static Number Remainder(Number a, Number b)
    {
        ThrowIfZero(b, "Remainder of division by zero.");
        return Exactly(a, b, static (x, y) => x % y, static (x, y) => x % y);
    }

    public static Number Negate(Number a) => a.Exact is { } exact ? Number.Of(-exact) : Number.Of(-a.Approximate);

    public static Number Power(Number @base, Number exponent)
    {
        if (@base.Exact is { } b && exponent.Exact is { } e && exponent.IsInteger && Math.Abs(e) <= MaxExactExponent)
        {
            if (b == 0 && e < 0)
            {
                throw new CalculationException("Zero cannot be raised to a negative power.");
            }

            try
            {
                var result = 1m;
                for (var i = 0; i < Math.Abs(e); i++)
                {
                    result *= b;
                }

                return Number.Of(e < 0 ? 1m / result : result);
            }
            catch (OverflowException)
            {
                // Past decimal's range: the double below carries on.
            }
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
        // A perfect square keeps an exact root.
        if (a.Exact is { } exact && Math.Abs(root) < 7.9e27 && decimal.Round((decimal)root) is var whole && whole * whole == exact)
        {
            return Number.Of(whole);
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

    public static Number Absolute(Number a) => a.Exact is { } exact ? Number.Of(Math.Abs(exact)) : Number.Of(Math.Abs(a.Approximate));

    public static Number Floor(Number a) => a.Exact is { } exact ? Number.Of(decimal.Floor(exact)) : Number.Of(Math.Floor(a.Approximate));

    public static Number Ceiling(Number a) => a.Exact is { } exact ? Number.Of(decimal.Ceiling(exact)) : Number.Of(Math.Ceiling(a.Approximate));

    public static Number Round(Number a, Number digits)
    {
        if (!digits.IsInteger || digits.Approximate is < 0 or > 15)
        {
            throw new CalculationException("round takes a whole number of digits from 0 to 15.");
        }

        var places = (int)digits.Approximate;
        return a.Exact is { } exact
            ? Number.Of(decimal.Round(exact, places, MidpointRounding.AwayFromZero))
            : Number.Of(Math.Round(a.Approximate, places, MidpointRounding.AwayFromZero));
    }

    public static Number Min(IReadOnlyList<Number> values) => values.MinBy(value => value.Approximate);

    public static Number Max(IReadOnlyList<Number> values) => values.MaxBy(value => value.Approximate);

    private static Number Exactly(Number a, Number b, Func<decimal, decimal, decimal> exact, Func<double, double, double> approximate)
    {
        if (a.Exact is { } x && b.Exact is { } y)
        {
            try
            {
                return Number.Of(exact(x, y));
            }
            catch (OverflowException)
            {
                // Past decimal's range: the double below carries on.
            }
        }

        return Number.Of(approximate(a.Approximate, b.Approximate));
    }

    private static void ThrowIfZero(Number divisor, string message)
    {
        if (divisor.Approximate == 0 && divisor.Exact is null or 0)
        {
            throw new CalculationException(message);
        }
    }
}
