using System.Globalization;
using CsCheck;
using OpenChat.Tools.BuiltIn.Calculation;

namespace OpenChat.Tools.Tests.BuiltIn;

/// <summary>
/// The evaluator over generated text: anything at all, well-formed arithmetic checked against exact fractions, and
/// the laws of decimal arithmetic. A failure prints its seed; <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class ExpressionEvaluatorPropertyTests
{
    private static readonly string[] s_documentedArithmeticErrors = ["Division by zero.", "The result is too large to represent."];

    /// <summary>Pieces of expressions and of what is not one: tokens, names, huge and tiny numbers, any UTF-16 unit.</summary>
    private static readonly Gen<string> s_pieces = Gen.Frequency(
        (8, Gen.OneOf(
            "1", "0", "7", "2.5", ".", "e", "E", "+", "-", "*", "/", "%", "^", "(", ")", ",", " ", "\t",
            "sqrt(", "pow(", "round(", "min(", "max(", "ln(", "log10(", "exp(", "abs(", "floor(", "ceil(", "pi", "x", "sqrt",
            "1e", "1e-", "1e+", "1e400", "1e-400", "2^300", "1/3", "0.5^")),
        (2, Gen.OneOf(
            new string('9', 40), "79228162514264337593543950335", "79228162514264337593543950336", "1e308", "4.9e-324",
            "0.0000000000000000000000000001", "1." + new string('0', 60) + "1", "1e99999999999", "1e-64", "1e65")),
        (1, Gen.Int[1, 80].Select(count => new string('(', count))),
        (1, Gen.Int[1, 80].Select(count => new string('-', count))),
        (1, Gen.Int[1, 80].Select(count => string.Concat(Enumerable.Repeat("2^", count)))),
        (1, Gen.Int[1, 80].Select(count => string.Concat(Enumerable.Repeat("abs(", count)))),
        (2, Gen.Char.Select(unit => unit.ToString())),
        (1, Gen.OneOf("\ud800", "\udfff", "😀", "٣", "１", "\u00a0", "\u2028", "\0", "é")));

    /// <summary>Mostly short mixes of pieces; sometimes one piece repeated to about the length limit and past it.</summary>
    private static readonly Gen<string> s_arbitraryText = Gen.Frequency(
        (10, s_pieces.List[0, 30].Select(string.Concat)),
        (1, Gen.Select(s_pieces, Gen.Int[ExpressionEvaluator.MaxLength - 20, ExpressionEvaluator.MaxLength + 20], RepeatedTo)));

    /// <summary>Exact decimals of up to twelve digits and six places, either sign.</summary>
    private static readonly Gen<decimal> s_decimals = Gen.Select(Gen.Long[-999_999_999_999, 999_999_999_999], Gen.Byte[0, 6],
        (digits, scale) => new decimal((int)(uint)Math.Abs(digits), (int)(Math.Abs(digits) >> 32), 0, digits < 0, scale));

    [Fact]
    public void Answers_any_text_with_a_finite_value_or_a_calculation_error_and_nothing_else()
    {
        s_arbitraryText.Sample(text =>
        {
            try
            {
                var result = ExpressionEvaluator.Evaluate(text);

                Assert.True(double.IsFinite(result.Approximate));
            }
            catch (CalculationException exception)
            {
                Assert.False(string.IsNullOrWhiteSpace(exception.Message));
            }
        }, iter: 3000, print: Printable);
    }

    [Fact]
    public void Reads_the_text_of_any_result_back_as_the_same_value()
    {
        s_arbitraryText.Sample(text =>
        {
            Number result;
            try
            {
                result = ExpressionEvaluator.Evaluate(text);
            }
            catch (CalculationException)
            {
                return;
            }

            // A double's text may read back as a decimal (1/31e7 prints 3.225806451612903E-09, which is a decimal),
            // whose nearest double can be the next one over: the same value to a double's precision, and the same
            // text where the result was exact.
            var readBack = ExpressionEvaluator.Evaluate(result.ToString());
            Assert.Equal(result.Approximate, readBack.Approximate, Math.Abs(result.Approximate) * 1e-15);
            if (result.IsExact)
            {
                Assert.Equal(result.ToString(), readBack.ToString());
            }
        }, iter: 3000, print: Printable);
    }

    [Fact]
    public void Evaluates_well_formed_arithmetic_to_its_exact_value_whenever_every_step_fits_a_decimal()
    {
        ArithmeticTree.Trees.Sample(tree =>
        {
            var everyStepFits = true;
            Rational? expected;
            try
            {
                expected = tree.Evaluate(step => everyStepFits &= step.TryWriteAsDecimal(out _));
            }
            catch (DivideByZeroException)
            {
                expected = null;
            }

            if (everyStepFits)
            {
                if (expected is not { } value)
                {
                    Assert.Equal("Division by zero.", Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(tree.Write())).Message);
                    return;
                }

                var result = ExpressionEvaluator.Evaluate(tree.Write());
                Assert.True(value.TryWriteAsDecimal(out var text));
                Assert.Equal(text, result.ToString());
                Assert.True(result.IsExact, $"{tree} is {text} exactly, but the result says it was rounded.");
            }
            else
            {
                // A step decimal rounds: the evaluator rounds too, and then must say so.
                Number result;
                try
                {
                    result = ExpressionEvaluator.Evaluate(tree.Write());
                }
                catch (CalculationException exception)
                {
                    Assert.Contains(exception.Message, s_documentedArithmeticErrors);
                    return;
                }

                if (result.IsExact)
                {
                    Assert.True(expected is { } value && Rational.Of(result.DecimalValue!.Value) == value, $"{tree} gave {result}, called exact.");
                }
            }
        }, iter: 4000, print: tree => tree.Write());
    }

    [Fact]
    public void Adds_and_multiplies_in_either_order_to_the_same_exact_result()
    {
        Gen.Select(s_decimals, s_decimals).Sample((a, b) =>
        {
            AssertSameExact(Evaluate($"{Text(a)} + {Text(b)}"), Evaluate($"{Text(b)} + {Text(a)}"));
            AssertSameExact(Evaluate($"{Text(a)} * {Text(b)}"), Evaluate($"{Text(b)} * {Text(a)}"));
        }, iter: 2000);
    }

    [Fact]
    public void Groups_sums_and_products_either_way_and_distributes_where_nothing_is_rounded()
    {
        Gen.Select(s_decimals, s_decimals, s_decimals).Sample((a, b, c) =>
        {
            AssertSameExact(Evaluate($"({Text(a)} + {Text(b)}) + {Text(c)}"), Evaluate($"{Text(a)} + ({Text(b)} + {Text(c)})"));
            AssertSameWhereExact(Evaluate($"({Text(a)} * {Text(b)}) * {Text(c)}"), Evaluate($"{Text(a)} * ({Text(b)} * {Text(c)})"));
            AssertSameWhereExact(Evaluate($"{Text(a)} * ({Text(b)} + {Text(c)})"), Evaluate($"{Text(a)} * {Text(b)} + {Text(a)} * {Text(c)}"));
        }, iter: 2000);
    }

    [Fact]
    public void Keeps_the_identities_of_subtraction_negation_and_division_exactly()
    {
        Gen.Select(s_decimals, s_decimals).Sample((a, b) =>
        {
            var itself = Evaluate(Text(a));

            AssertSameExact(Evaluate("0"), Evaluate($"{Text(a)} - {Text(a)}"));
            AssertSameExact(itself, Evaluate($"{Text(a)} + 0"));
            AssertSameExact(itself, Evaluate($"{Text(a)} * 1"));
            AssertSameExact(itself, Evaluate($"{Text(a)} / 1"));
            AssertSameExact(itself, Evaluate($"-(-{Text(a)})"));
            AssertSameExact(Evaluate("0"), Evaluate($"{Text(a)} * 0"));
            AssertSameExact(Evaluate($"{Text(a)} - {Text(b)}"), Evaluate($"{Text(a)} + -{Text(b)}"));
            AssertSameExact(Evaluate($"-({Text(a)} - {Text(b)})"), Evaluate($"{Text(b)} - {Text(a)}"));
            if (b != 0)
            {
                AssertSameExact(itself, Evaluate($"({Text(a)} * {Text(b)}) / {Text(b)}"));
                AssertSameExact(Evaluate("1"), Evaluate($"{Text(b)} / {Text(b)}"));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Says_a_quotient_is_exact_only_when_multiplying_it_back_gives_the_dividend()
    {
        Gen.Select(s_decimals, s_decimals.Where(value => value != 0)).Sample((a, b) =>
        {
            var quotient = Evaluate($"{Text(a)} / {Text(b)}");

            // A quotient too small for a decimal's digits comes back as a double, which is never exact.
            var multipliesBack = quotient.DecimalValue is { } value && Rational.Of(value) * Rational.Of(b) == Rational.Of(a);
            Assert.Equal(quotient.IsExact, multipliesBack);
            if (quotient.IsExact)
            {
                AssertSameExact(Evaluate(Text(a)), Evaluate($"{quotient} * {Text(b)}"));
            }
        }, iter: 2000);
    }

    private static Number Evaluate(string expression) => ExpressionEvaluator.Evaluate(expression);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AssertSameExact(Number expected, Number actual)
    {
        Assert.True(expected.IsExact && actual.IsExact, $"{expected} and {actual} should both be exact.");
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static void AssertSameWhereExact(Number first, Number second)
    {
        if (first.IsExact && second.IsExact)
        {
            Assert.Equal(first.ToString(), second.ToString());
        }
    }

    private static string RepeatedTo(string piece, int length)
    {
        var text = string.Concat(Enumerable.Repeat(piece, (length / Math.Max(piece.Length, 1)) + 1));
        return text[..Math.Min(length, text.Length)];
    }

    /// <summary>Text as C# would write it, so a failing input with control characters or lone surrogates can be pasted back.</summary>
    private static string Printable(string text) =>
        "\"" + string.Concat(text.Select(unit => unit is >= ' ' and <= '~' and not ('"' or '\\') ? unit.ToString() : $"\\u{(int)unit:x4}")) + "\"";
}
