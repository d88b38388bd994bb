using System.Globalization;

namespace OpenChat.Tools.BuiltIn.Calculation;

/// <summary>
/// Evaluates arithmetic by recursive descent: <c>+ - * / % ^</c> (power binds tightest and to the right, so
/// <c>2^3^2</c> is 512 and <c>-2^2</c> is -4), parentheses, decimals, the functions in
/// <see cref="s_functions"/> and the constants <c>pi</c> and <c>e</c>. Nothing else is accepted: there are no
/// variables, no assignments and nothing that reaches outside the expression.
/// </summary>
internal sealed class ExpressionEvaluator
{
    public const int MaxLength = 1000;
    public const int MaxDepth = 64;

    private static readonly Dictionary<string, (int MinArgs, int MaxArgs, Func<IReadOnlyList<Number>, Number> Apply)> s_functions = new(StringComparer.Ordinal)
    {
        ["sqrt"] = (1, 1, args => Arithmetic.SquareRoot(args[0])),
        ["abs"] = (1, 1, args => Arithmetic.Absolute(args[0])),
        ["round"] = (1, 2, args => Arithmetic.Round(args[0], args.Count > 1 ? args[1] : Number.Exactly(0m))),
        ["floor"] = (1, 1, args => Arithmetic.Floor(args[0])),
        ["ceil"] = (1, 1, args => Arithmetic.Ceiling(args[0])),
        ["min"] = (1, int.MaxValue, Arithmetic.Min),
        ["max"] = (1, int.MaxValue, Arithmetic.Max),
        ["pow"] = (2, 2, args => Arithmetic.Power(args[0], args[1])),
        ["exp"] = (1, 1, args => Arithmetic.Exponential(args[0])),
        ["ln"] = (1, 1, args => Arithmetic.Logarithm(args[0], Math.Log)),
        ["log10"] = (1, 1, args => Arithmetic.Logarithm(args[0], Math.Log10)),
    };

    private static readonly Dictionary<string, Number> s_constants = new(StringComparer.Ordinal)
    {
        ["pi"] = Number.Of(Math.PI),
        ["e"] = Number.Of(Math.E),
    };

    private readonly string _text;
    private int _position;
    private int _depth;

    private ExpressionEvaluator(string text) => _text = text;

    public static Number Evaluate(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new CalculationException("The expression is empty.");
        }

        if (expression.Length > MaxLength)
        {
            throw new CalculationException($"The expression is longer than {MaxLength} characters.");
        }

        var evaluator = new ExpressionEvaluator(expression);
        var value = evaluator.ParseSum();
        evaluator.SkipSpaces();
        if (evaluator._position < expression.Length)
        {
            throw evaluator.Unexpected();
        }

        return value;
    }

    private Number ParseSum()
    {
        var value = ParseProduct();
        while (TryTake('+', '-', out var op))
        {
            var right = ParseProduct();
            value = op == '+' ? Arithmetic.Add(value, right) : Arithmetic.Subtract(value, right);
        }

        return value;
    }

    private Number ParseProduct()
    {
        var value = ParseUnary();
        while (TryTake('*', '/', '%', out var op))
        {
            var right = ParseUnary();
            value = op switch
            {
                '*' => Arithmetic.Multiply(value, right),
                '/' => Arithmetic.Divide(value, right),
                _ => Arithmetic.Remainder(value, right),
            };
        }

        return value;
    }

    private Number ParseUnary()
    {
        if (TryTake('-', '+', out var sign))
        {
            Enter();
            var operand = ParseUnary();
            _depth--;
            return sign == '-' ? Arithmetic.Negate(operand) : operand;
        }

        return ParsePower();
    }

    private Number ParsePower()
    {
        var value = ParsePrimary();
        if (TryTake('^', '^', out _))
        {
            Enter();
            var exponent = ParseUnary();
            _depth--;
            return Arithmetic.Power(value, exponent);
        }

        return value;
    }

    private Number ParsePrimary()
    {
        SkipSpaces();
        if (_position >= _text.Length)
        {
            throw new CalculationException("The expression ends where a number was expected.");
        }

        var current = _text[_position];
        if (current == '(')
        {
            _position++;
            Enter();
            var value = ParseSum();
            _depth--;
            Expect(')');
            return value;
        }

        if (char.IsAsciiDigit(current) || current == '.')
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(current))
        {
            return ParseName();
        }

        throw Unexpected();
    }

    private Number ParseNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        // Scientific notation: 1.5e3, 2E-4.
        if (_position < _text.Length && _text[_position] is 'e' or 'E'
            && _position + 1 < _text.Length && (char.IsAsciiDigit(_text[_position + 1]) || (_text[_position + 1] is '+' or '-' && _position + 2 < _text.Length && char.IsAsciiDigit(_text[_position + 2]))))
        {
            _position += 2;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }

        var literal = _text[start.._position];
        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate))
        {
            throw new CalculationException($"'{literal}' at position {start + 1} is not a number.");
        }

        // A literal decimal cannot hold exactly (too many digits, too small, too large) is read as a double.
        return decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && ExactDecimal.Represents(value, literal)
            ? Number.Exactly(value)
            : Number.Of(approximate);
    }

    private Number ParseName()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        var name = _text[start.._position];
        if (s_constants.TryGetValue(name, out var constant))
        {
            return constant;
        }

        if (!s_functions.TryGetValue(name, out var function))
        {
            throw new CalculationException(
                $"Unknown name '{name}' at position {start + 1}. Known functions: {string.Join(", ", s_functions.Keys)}; constants: pi, e.");
        }

        Expect('(');
        Enter();
        var arguments = new List<Number>();
        if (!TryTake(')', ')', out _))
        {
            do
            {
                arguments.Add(ParseSum());
            }
            while (TryTake(',', ',', out _));

            Expect(')');
        }

        _depth--;
        if (arguments.Count < function.MinArgs || arguments.Count > function.MaxArgs)
        {
            throw new CalculationException($"{name} takes {Describe(function.MinArgs, function.MaxArgs)}, not {arguments.Count}.");
        }

        return function.Apply(arguments);
    }

    private static string Describe(int min, int max) =>
        min == max ? $"{min} argument{(min == 1 ? "" : "s")}" : max == int.MaxValue ? $"at least {min} argument{(min == 1 ? "" : "s")}" : $"{min} to {max} arguments";

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new CalculationException($"The expression nests deeper than {MaxDepth} levels.");
        }
    }

    private bool TryTake(char first, char second, out char taken) => TryTake(first, second, second, out taken);

    private bool TryTake(char first, char second, char third, out char taken)
    {
        SkipSpaces();
        taken = _position < _text.Length ? _text[_position] : '\0';
        if (taken != '\0' && (taken == first || taken == second || taken == third))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char expected)
    {
        SkipSpaces();
        if (_position >= _text.Length || _text[_position] != expected)
        {
            throw _position >= _text.Length
                ? new CalculationException($"The expression ends where '{expected}' was expected.")
                : new CalculationException($"Expected '{expected}' at position {_position + 1} but found '{_text[_position]}'.");
        }

        _position++;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private CalculationException Unexpected() =>
        new($"Unexpected '{_text[_position]}' at position {_position + 1}.");
}
