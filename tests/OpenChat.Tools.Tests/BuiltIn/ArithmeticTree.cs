using System.Globalization;
using CsCheck;

namespace OpenChat.Tools.Tests.BuiltIn;

/// <summary>
/// Well-formed arithmetic over small decimals (+ - * /, unary minus, parentheses where precedence needs them and
/// sometimes where it does not), generated as a tree so the test knows the value the text should have.
/// </summary>
internal abstract record ArithmeticTree
{
    /// <summary>Decimals of up to four digits and three places, written as generated ("2.50" keeps its zero), and zero often enough to divide by.</summary>
    public static readonly Gen<decimal> Literals = Gen.Frequency(
        (1, Gen.OneOf(0m, 0.00m)),
        (8, Gen.Select(Gen.Int[0, 9999], Gen.Byte[0, 3], (digits, scale) => new decimal(digits, 0, 0, isNegative: false, scale))));

    public static readonly Gen<ArithmeticTree> Trees = Gen.Recursive<ArithmeticTree>((depth, tree) => depth >= 4
        ? Literals.Select(value => (ArithmeticTree)new Literal(value))
        : Gen.Frequency(
            (2, Literals.Select(value => (ArithmeticTree)new Literal(value))),
            (1, Gen.Select(tree, Gen.Bool, (operand, extraParentheses) => (ArithmeticTree)new Negation(operand, extraParentheses))),
            (5, Gen.Select(Gen.OneOf('+', '-', '*', '/'), tree, tree, Gen.Bool, Gen.Bool,
                (op, left, right, spaced, extraParentheses) => (ArithmeticTree)new Binary(op, left, right, spaced, extraParentheses)))));

    /// <summary>Sums bind loosest, then products, then unary minus and what stands alone.</summary>
    protected abstract int Precedence { get; }

    /// <summary>The exact value, each step in the order the evaluator takes it; throws on a division by zero.</summary>
    public abstract Rational Evaluate(Action<Rational> onStep);

    public abstract string Write();

    public sealed override string ToString() => Write();

    private protected static string Parenthesized(string text, bool parenthesize) => parenthesize ? $"({text})" : text;

    public sealed record Literal(decimal Value) : ArithmeticTree
    {
        protected override int Precedence => 3;

        public override Rational Evaluate(Action<Rational> onStep)
        {
            var value = Rational.Of(Value);
            onStep(value);
            return value;
        }

        public override string Write() => Value.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record Negation(ArithmeticTree Operand, bool ExtraParentheses) : ArithmeticTree
    {
        protected override int Precedence => 3;

        public override Rational Evaluate(Action<Rational> onStep)
        {
            var value = -Operand.Evaluate(onStep);
            onStep(value);
            return value;
        }

        public override string Write() => Parenthesized("-" + Parenthesized(Operand.Write(), Operand.Precedence < Precedence), ExtraParentheses);
    }

    public sealed record Binary(char Operator, ArithmeticTree Left, ArithmeticTree Right, bool Spaced, bool ExtraParentheses) : ArithmeticTree
    {
        protected override int Precedence => Operator is '+' or '-' ? 1 : 2;

        public override Rational Evaluate(Action<Rational> onStep)
        {
            var left = Left.Evaluate(onStep);
            var right = Right.Evaluate(onStep);
            var value = Operator switch
            {
                '+' => left + right,
                '-' => left - right,
                '*' => left * right,
                _ => left / right,
            };
            onStep(value);
            return value;
        }

        // The right operand of equal precedence is parenthesized even where the law allows leaving it out
        // (a + (b + c)): without the parentheses the evaluator would take the steps in another order.
        public override string Write()
        {
            var op = Spaced ? $" {Operator} " : Operator.ToString();
            var left = Parenthesized(Left.Write(), Left.Precedence < Precedence);
            var right = Parenthesized(Right.Write(), Right.Precedence <= Precedence);
            return Parenthesized(left + op + right, ExtraParentheses);
        }
    }
}
