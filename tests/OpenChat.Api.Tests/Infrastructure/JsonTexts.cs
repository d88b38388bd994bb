using CsCheck;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// Generators of JSON text, written by hand so they can say what a serializer never writes: escapes of lone
/// surrogates, numbers past every integer type, duplicate names, nesting as deep as a limit and deeper.
/// </summary>
internal static class JsonTexts
{
    // Declared first: the generators below are built from it when the class initializes.
    private static readonly string[] s_knownNames = [.. new[]
    {
        "model", "messages", "role", "content", "stream", "stream_options", "include_usage", "tools", "functions", "type",
        "function", "name", "arguments", "tool_choice", "function_call", "n", "choices", "index", "delta", "message",
        "tool_calls", "id", "finish_reason", "usage", "prompt_tokens", "completion_tokens", "total_tokens", "error", "refusal",
    }.Select(name => $"\"{name}\"")];

    /// <summary>A string, quotes included: text, escapes, non-ASCII, valid and lone surrogates.</summary>
    public static readonly Gen<string> String = StringOf(Gen.Frequency(
        (6, Gen.String[Gen.Char.AlphaNumeric, 1, 8]),
        (2, Gen.OneOf(" ", "café", "中文", "😀", ":", "data: x")),
        (2, Gen.OneOf("\\\"", "\\\\", "\\/", "\\n", "\\r", "\\t",
            "\\b", "\\f", "\\u00e9", "\\u0000", "\\ud83d\\ude00")),
        (1, Gen.OneOf("\\ud800", "\\udfff", "\\udc00\\ud800", "\\uD83D"))));

    /// <summary>A string that is valid Unicode: what a client or model means by a name.</summary>
    public static readonly Gen<string> Text = StringOf(Gen.Frequency(
        (6, Gen.String[Gen.Char.AlphaNumeric, 1, 8]),
        (1, Gen.OneOf("_", "-", "é", "\\u00e9", "\\\"", "😀"))));

    /// <summary>Numbers of every shape JSON allows, including ones no integer or double holds.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.Int[-3, 300].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(
            "-0", "0.5", "1.0", "-1.5", "1e2", "1E-7",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "1e400", "-1e400", "123456789012345678901234567890")),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    public static readonly Gen<string> Scalar = Gen.Frequency(
        (1, Gen.OneOf("null", "true", "false")),
        (2, Number),
        (3, String));

    /// <summary>Any value, a few levels deep, with names that are sometimes the ones the gateway reads.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, value.Array[0, 4].Select(Array)),
            (1, Gen.Select(Gen.Frequency((2, String), (1, Gen.OneOf(s_knownNames))), value).Array[0, 4].Select(Object))));

    /// <summary>A scalar inside arrays or objects nested <paramref name="minLevels"/> to <paramref name="maxLevels"/> deep.</summary>
    public static Gen<string> Nested(int minLevels, int maxLevels) =>
        Gen.Select(Gen.Int[minLevels, maxLevels], Gen.Bool, Scalar, (levels, inObjects, inner) => inObjects
            ? string.Concat(Enumerable.Repeat("{\"a\":", levels)) + inner + new string('}', levels)
            : new string('[', levels) + inner + new string(']', levels));

    public static string Array(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    /// <summary>An object of already-written names and values, in the order given (duplicates and all).</summary>
    public static string Object(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(",", members.Select(member => member.Name + ":" + member.Value)) + "}";

    private static Gen<string> StringOf(Gen<string> pieces) =>
        pieces.Array[0, 6].Select(parts => "\"" + string.Concat(parts) + "\"");
}
