using OpenChat.Tools.BuiltIn.Calculation;

namespace OpenChat.Tools.Tests.BuiltIn;

public sealed class ExpressionEvaluatorTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-2 ^ 2", "-4")]
    [InlineData("2 ^ -1", "0.5")]
    [InlineData("--3", "3")]
    [InlineData("7 % 4", "3")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("1.10 * 3", "3.3")]
    [InlineData("1 / 4", "0.25")]
    [InlineData("sqrt(144)", "12")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("round(2.675, 2)", "2.68")]
    [InlineData("round(2.5)", "3")]
    [InlineData("floor(-1.5) + ceil(1.2)", "0")]
    [InlineData("min(3, 1, 2) + max(4, 9)", "10")]
    [InlineData("pow(2, 10)", "1024")]
    [InlineData("1.5e3", "1500")]
    [InlineData("  6 *7  ", "42")]
    public void Evaluates_exactly(string expression, string expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.ToString());
        Assert.NotNull(result.Exact);
    }

    [Theory]
    [InlineData("sqrt(2)", 1.4142135623730951)]
    [InlineData("ln(e)", 1.0)]
    [InlineData("log10(1000)", 3.0)]
    [InlineData("2 * pi", 6.283185307179586)]
    [InlineData("exp(0)", 1.0)]
    public void Falls_back_to_double_for_irrational_results(string expression, double expected)
    {
        var result = ExpressionEvaluator.Evaluate(expression);

        Assert.Equal(expected, result.Approximate, 12);
    }

    [Fact]
    public void Leaves_decimal_range_for_double_instead_of_overflowing()
    {
        var result = ExpressionEvaluator.Evaluate("10^30 * 10^30");

        Assert.Null(result.Exact);
        Assert.Equal(1e60, result.Approximate, 1e45);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1 / 0", "Division by zero")]
    [InlineData("5 % 0", "division by zero")]
    [InlineData("sqrt(-1)", "negative")]
    [InlineData("ln(0)", "positive")]
    [InlineData("x + 1", "Unknown name 'x'")]
    [InlineData("system(1)", "Unknown name 'system'")]
    [InlineData("1 + ", "ends where a number was expected")]
    [InlineData("(1 + 2", "')'")]
    [InlineData("1 + 2)", "Unexpected ')' at position 6")]
    [InlineData("2 $ 3", "Unexpected '$' at position 3")]
    [InlineData("1..2", "not a number")]
    [InlineData("round(1, 2, 3)", "round takes 1 to 2 arguments")]
    [InlineData("sqrt()", "Unexpected ')' at position 6")]
    [InlineData("round(1.5, 0.5)", "whole number of digits")]
    [InlineData("0 ^ -1", "negative power")]
    [InlineData("10 ^ 400", "not a finite number")]
    public void Rejects_what_it_cannot_evaluate_with_a_reason(string expression, string reason)
    {
        var exception = Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(expression));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_the_length_and_the_nesting_of_expressions()
    {
        var tooLong = string.Join("+", Enumerable.Repeat("1", 600));
        var tooDeep = new string('(', 100) + "1" + new string(')', 100);

        Assert.Contains("longer than", Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(tooLong)).Message, StringComparison.Ordinal);
        Assert.Contains("nests deeper", Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(tooDeep)).Message, StringComparison.Ordinal);
    }
}
