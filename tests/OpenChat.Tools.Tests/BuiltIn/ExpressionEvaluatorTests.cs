using OpenChat.Tools.BuiltIn.Calculation;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class ExpressionEvaluatorTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 10 / 5", "2")]
    [InlineData("2 * 3 % 4", "2")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("(2 ^ 3) ^ 2", "64")]
    [InlineData("2 * 3 ^ 2", "18")]
    [InlineData("-2 ^ 2", "-4")]
    [InlineData("(-2) ^ 2", "4")]
    [InlineData("2 ^ -1", "0.5")]
    [InlineData("--3", "3")]
    [InlineData("-(1 + 2)", "-3")]
    [InlineData("+4", "4")]
    [InlineData("2 * -3", "-6")]
    [InlineData("7 % 4", "3")]
    [InlineData("-7 % 4", "-3")]
    public void Follows_precedence_associativity_and_unary_minus(string expression, string expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression).ToString());
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("0.3 - 0.1", "0.2")]
    [InlineData("1.10 * 3", "3.3")]
    [InlineData("1 / 4", "0.25")]
    [InlineData(".5 + 1.", "1.5")]
    [InlineData("1.5e3", "1500")]
    [InlineData("2E-3", "0.002")]
    [InlineData("0.000001 * 1", "0.000001")]
    [InlineData("2 ^ 64", "18446744073709551616")]
    [InlineData("1.1 ^ 2", "1.21")]
    [InlineData("  6 *7  ", "42")]
    public void Keeps_decimal_arithmetic_exact(string expression, string expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.ToString());
        Assert.True(result.IsExact);
    }

    [Theory]
    [InlineData("sqrt(144)", "12")]
    [InlineData("sqrt(2.25)", "1.5")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("round(2.675, 2)", "2.68")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("floor(-1.5) + ceil(1.2)", "0")]
    [InlineData("min(3, 1, 2) + max(4, 9)", "10")]
    [InlineData("max(5)", "5")]
    [InlineData("min(0.1, 0.2, -0.3, 4)", "-0.3")]
    [InlineData("pow(2, 10)", "1024")]
    [InlineData("pow(4, -0.5) + 0", "0.5")]
    public void Applies_the_functions(string expression, string expected)
    {
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression).ToString());
    }

    [Theory]
    [InlineData("sqrt(2)", 1.4142135623730951)]
    [InlineData("2 ^ 0.5", 1.4142135623730951)]
    [InlineData("ln(e)", 1.0)]
    [InlineData("log10(1000)", 3.0)]
    [InlineData("2 * pi", 6.283185307179586)]
    [InlineData("exp(1)", Math.E)]
    public void Falls_back_to_double_for_functions_only_double_has(string expression, double expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.Approximate, 12);
        Assert.False(result.IsExact);
    }

    [Fact]
    public void Says_a_rounded_quotient_is_not_exact()
    {
        var third = ExpressionEvaluator.Evaluate("1 / 3");
        var backAgain = ExpressionEvaluator.Evaluate("1 / 3 * 3");

        Assert.Equal("0.3333333333333333333333333333", third.ToString());
        Assert.False(third.IsExact);
        Assert.Equal("0.9999999999999999999999999999", backAgain.ToString());
        Assert.False(backAgain.IsExact);
    }

    [Theory]
    [InlineData("1.1 ^ 40", 45.25925556817596)]
    [InlineData("floor(1 / 3 * 3)", 0.0)]
    [InlineData("2 ^ floor(1 / 3 * 3)", 1.0)]
    [InlineData("0.12345678901234567890123456789012", 0.12345678901234568)]
    public void Carries_rounding_through_to_the_result(string expression, double expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.Approximate, 12);
        Assert.False(result.IsExact);
    }

    [Fact]
    public void Leaves_decimal_range_for_double_instead_of_overflowing()
    {
        var result = ExpressionEvaluator.Evaluate("10^30 * 10^30");

        Assert.Null(result.DecimalValue);
        Assert.Equal(1e60, result.Approximate, 1e45);
    }

    [Theory]
    [InlineData("1e-30 * 1e10", 1e-20)]
    [InlineData("0.5 ^ 200", 6.223015277861142e-61)]
    [InlineData("1 / 1e-30", 1e30)]
    public void Leaves_decimal_for_double_below_its_smallest_step_instead_of_rounding_to_zero(string expression, double expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.Approximate, expected * 1e-12);
    }

    [Fact]
    public void Reads_a_negative_result_that_underflows_as_zero_not_minus_zero()
    {
        var result = ExpressionEvaluator.Evaluate("-1e-300 * 1e-300");

        Assert.Equal("0", result.ToString());
    }

    [Theory]
    [InlineData("", "The expression is empty.")]
    [InlineData("   ", "The expression is empty.")]
    [InlineData("1 / 0", "Division by zero.")]
    [InlineData("1 / (2 - 2)", "Division by zero.")]
    [InlineData("5 % 0", "Remainder of division by zero.")]
    [InlineData("sqrt(-1)", "The square root of a negative number is not a real number.")]
    [InlineData("ln(0)", "The logarithm is defined only for positive numbers.")]
    [InlineData("log10(-1)", "The logarithm is defined only for positive numbers.")]
    [InlineData("0 ^ -1", "Zero cannot be raised to a negative power.")]
    [InlineData("(-8) ^ (1 / 3)", "A negative number cannot be raised to a fractional power.")]
    [InlineData("10 ^ 400", "The result is too large to represent.")]
    [InlineData("exp(1000)", "The result is too large to represent.")]
    [InlineData("round(1.5, 0.5)", "round takes a whole number of digits from 0 to 15.")]
    [InlineData("round(1, 2, 3)", "round takes 1 to 2 arguments, not 3.")]
    [InlineData("sqrt()", "sqrt takes 1 argument, not 0.")]
    [InlineData("pow(2)", "pow takes 2 arguments, not 1.")]
    [InlineData("min()", "min takes at least 1 argument, not 0.")]
    public void Rejects_what_has_no_value_with_the_reason(string expression, string message)
    {
        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(expression));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("x + 1", "Unknown name 'x' at position 1.")]
    [InlineData("2 * foo", "Unknown name 'foo' at position 5.")]
    [InlineData("system(1)", "Unknown name 'system' at position 1.")]
    [InlineData("Sqrt(4)", "Unknown name 'Sqrt' at position 1.")]
    public void Rejects_identifiers_other_than_known_functions_and_constants(string expression, string message)
    {
        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(expression));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Known functions: sqrt, abs, round, floor, ceil, min, max, pow, exp, ln, log10; constants: pi, e.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 + ", "The expression ends where a number was expected.")]
    [InlineData("(1 + 2", "The expression ends where ')' was expected.")]
    [InlineData("1 + 2)", "Unexpected ')' at position 6.")]
    [InlineData("2 $ 3", "Unexpected '$' at position 3.")]
    [InlineData("2 3", "Unexpected '3' at position 3.")]
    [InlineData("1, 2", "Unexpected ',' at position 2.")]
    [InlineData("1; 2", "Unexpected ';' at position 2.")]
    [InlineData("__import__('os')", "Unexpected '_' at position 1.")]
    [InlineData("pi(2)", "Unexpected '(' at position 3.")]
    [InlineData("sqrt 4", "Expected '(' at position 6 but found '4'.")]
    [InlineData("1..2", "'1..2' at position 1 is not a number.")]
    [InlineData("2 − 1", "Unexpected '−' at position 3.")]
    public void Rejects_stray_characters_naming_the_position(string expression, string message)
    {
        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(expression));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Accepts_an_expression_of_the_maximum_length()
    {
        var longest = "10" + string.Concat(Enumerable.Repeat("+1", 499));

        Assert.Equal(ExpressionEvaluator.MaxLength, longest.Length);
        Assert.Equal("509", ExpressionEvaluator.Evaluate(longest).ToString());
    }

    [Fact]
    public void Bounds_the_length_of_expressions()
    {
        var tooLong = new string('1', ExpressionEvaluator.MaxLength + 1);

        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(tooLong));

        Assert.Equal($"The expression is longer than {ExpressionEvaluator.MaxLength} characters.", exception.Message);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("abs(", ")")]
    [InlineData("1^", "")]
    public void Bounds_the_nesting_of_expressions(string open, string close)
    {
        var depth = ExpressionEvaluator.MaxDepth + 1;
        var tooDeep = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var deepest = string.Concat(Enumerable.Repeat(open, depth - 1)) + "1" + string.Concat(Enumerable.Repeat(close, depth - 1));

        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(tooDeep));

        Assert.Equal($"The expression nests deeper than {ExpressionEvaluator.MaxDepth} levels.", exception.Message);
        Assert.Equal("1", ExpressionEvaluator.Evaluate(deepest).ToString());
    }
}
