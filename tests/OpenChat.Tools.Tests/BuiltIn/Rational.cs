using System.Numerics;

namespace OpenChat.Tools.Tests.BuiltIn;

/// <summary>
/// An exact fraction in BigInteger, the oracle the calculator's properties compare with: it never rounds, so it says
/// what an expression's value is and whether System.Decimal can hold it without rounding.
/// </summary>
internal readonly record struct Rational
{
    // decimal is a 96-bit mantissa over a power of ten from 10^0 to 10^28.
    private const int MaxDecimalScale = 28;
    private static readonly BigInteger s_maxDecimalMantissa = (BigInteger.One << 96) - 1;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public bool IsZero => Numerator.IsZero;

    public static Rational Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return new(value < 0 ? -mantissa : mantissa, BigInteger.Pow(10, value.Scale));
    }

    public static Rational operator +(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + (-b);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => b.IsZero
        ? throw new DivideByZeroException()
        : new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>
    /// The value as plain digits without trailing zeros ("-0.25", "3"), when decimal holds it exactly: the
    /// denominator divides a power of ten no larger than 10^28 and the digits fit in 96 bits.
    /// </summary>
    public bool TryWriteAsDecimal(out string text)
    {
        text = "";
        for (var scale = 0; scale <= MaxDecimalScale; scale++)
        {
            var (mantissa, remainder) = BigInteger.DivRem(Numerator * BigInteger.Pow(10, scale), Denominator);
            if (!remainder.IsZero)
            {
                continue;
            }

            if (BigInteger.Abs(mantissa) > s_maxDecimalMantissa)
            {
                return false;
            }

            var digits = BigInteger.Abs(mantissa).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            var sign = mantissa.Sign < 0 ? "-" : "";
            text = scale == 0 ? sign + digits : $"{sign}{digits[..^scale]}.{digits[^scale..]}";
            return true;
        }

        return false;
    }
}
