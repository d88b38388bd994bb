using System.Globalization;
using System.Numerics;

namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>
/// decimal rounds silently once a value needs more than about 28 significant digits (1/3, 1.1^40, a literal with
/// 35 digits). These checks compare a decimal with the exact value, worked out in BigInteger, to tell whether it
/// was rounded.
/// </summary>
internal static class ExactDecimal
{
    // Past this a literal's exponent puts it outside decimal's range whatever its digits.
    private const int MaxLiteralExponent = 64;

    public static bool IsSum(decimal sum, decimal a, decimal b)
    {
        var (x, xScale) = Parts(a);
        var (y, yScale) = Parts(b);
        var scale = Math.Max(xScale, yScale);
        return AreEqual(Parts(sum), ((x * Pow10(scale - xScale)) + (y * Pow10(scale - yScale)), scale));
    }

    public static bool IsProduct(decimal product, decimal a, decimal b)
    {
        var (x, xScale) = Parts(a);
        var (y, yScale) = Parts(b);
        return AreEqual(Parts(product), (x * y, xScale + yScale));
    }

    /// <summary>Whether <paramref name="value"/> is exactly the number a literal such as <c>1.25e-3</c> writes.</summary>
    public static bool Represents(decimal value, string literal)
    {
        var exponentAt = literal.AsSpan().IndexOfAny('e', 'E');
        var exponent = 0;
        if (exponentAt >= 0
            && (!int.TryParse(literal.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > MaxLiteralExponent))
        {
            return false;
        }

        var mantissa = exponentAt < 0 ? literal : literal[..exponentAt];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var scale = (point < 0 ? 0 : mantissa.Length - point - 1) - exponent;
        var written = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        return AreEqual(Parts(value), scale >= 0 ? (written, scale) : (written * Pow10(-scale), 0));
    }

    private static bool AreEqual((BigInteger Mantissa, int Scale) a, (BigInteger Mantissa, int Scale) b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return a.Mantissa * Pow10(scale - a.Scale) == b.Mantissa * Pow10(scale - b.Scale);
    }

    /// <summary>A decimal is a 96-bit integer over a power of ten: value = mantissa / 10^scale.</summary>
    private static (BigInteger Mantissa, int Scale) Parts(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return (value < 0 ? -mantissa : mantissa, value.Scale);
    }

    private static BigInteger Pow10(int exponent) => BigInteger.Pow(10, exponent);
}
