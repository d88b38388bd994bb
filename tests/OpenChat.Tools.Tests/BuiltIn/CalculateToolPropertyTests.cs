using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using OpenChat.Tools.BuiltIn;
using OpenChat.Tools.BuiltIn.Calculation;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Http;

namespace OpenChat.Tools.Tests.BuiltIn;

/// <summary>
/// <c>calculate</c> the way <c>POST /tools/calculate/invoke</c> runs it, with generated JSON arguments: the body parsed
/// as the HTTP surface parses it, then the catalog, the path MCP takes too.
/// A failure prints its seed; <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class CalculateToolPropertyTests
{
    /// <summary>The inside of a JSON string: expression text, escapes of any UTF-16 unit (lone surrogates too), raw non-ASCII.</summary>
    private static readonly Gen<string> s_stringContent = Gen.Frequency(
            (8, Gen.OneOf("1", "2.5", "+", "-", "*", "/", "^", "(", ")", " ", "sqrt(", "pi", ",", "1e400", "x")),
            (2, Gen.Char.Select(unit => $"\\u{(int)unit:x4}")),
            (1, Gen.OneOf("\\ud800", "\\udfff", "\\\"", "\\\\", "\\n", "é", "😀", "\\u0000")))
        .List[0, 24]
        .Select(string.Concat);

    private static readonly Gen<string> s_strings = Gen.Frequency(
        (8, s_stringContent.Select(content => $"\"{content}\"")),
        (1, Gen.Int[ExpressionEvaluator.MaxLength - 2, ExpressionEvaluator.MaxLength + 2].Select(length => $"\"{string.Concat(Enumerable.Repeat("1+", length / 2))}1\"")));

    private static readonly Gen<string> s_scalars = Gen.Frequency(
        (6, s_strings),
        (1, Gen.OneOf("null", "true", "false", "0", "-1.5", "1e400", "123456789012345678901234567890")));

    private static readonly Gen<string> s_values = Gen.Recursive<string>((depth, value) => depth >= 2
        ? s_scalars
        : Gen.Frequency(
            (6, s_scalars),
            (1, value.List[0, 3].Select(items => $"[{string.Join(",", items)}]")),
            (1, Gen.Select(Gen.OneOf("\"expression\"", "\"x\"", "\"\\ud800\""), value).List[0, 3].Select(Object))));

    /// <summary>Arguments: mostly an object with an expression, sometimes missing it or with more, sometimes not an object.</summary>
    private static readonly Gen<string> s_arguments = Gen.Frequency(
        (8, s_strings.Select(expression => Object([("\"expression\"", expression)]))),
        (2, Gen.Select(Gen.OneOf("\"expression\"", "\"Expression\"", "\"other\"", "\"\\udc00\"", "\"expression\\u0000\""), s_values).List[0, 3].Select(Object)),
        (1, s_values));

    private readonly ToolCatalog _catalog = new([new CalculateTool()], NullLogger<ToolCatalog>.Instance);

    [Fact]
    public async Task Answers_any_json_arguments_with_a_result_invalid_arguments_or_a_tool_error_and_never_crashes()
    {
        await s_arguments.SampleAsync(async text =>
        {
            var (arguments, problem) = ToolsApi.ParseArguments(Encoding.UTF8.GetBytes(text));
            if (arguments is null)
            {
                // The HTTP surface answers 400 with this before the catalog sees the arguments.
                Assert.StartsWith("The arguments are not valid JSON: ", problem);
                return;
            }

            using (arguments)
            {
                var result = await _catalog.InvokeAsync("calculate", arguments.RootElement, TestContext.Current.CancellationToken);

                switch (result)
                {
                    case ToolResult.Success success:
                        var expression = arguments.RootElement.GetProperty("expression").GetString()!;
                        Assert.Equal(expression, success.Result["expression"]!.GetValue<string>());
                        Assert.Equal(ExpressionEvaluator.Evaluate(expression).ToString(), success.Result["result"]!.GetValue<string>());
                        break;
                    case ToolResult.InvalidArguments invalid:
                        Assert.False(string.IsNullOrWhiteSpace(invalid.Message));
                        break;
                    case ToolResult.ToolError toolError:
                        var evaluated = arguments.RootElement.GetProperty("expression").GetString()!;
                        Assert.Equal(Assert.Throws<CalculationException>(() => ExpressionEvaluator.Evaluate(evaluated)).Message, toolError.Message);
                        break;
                    default:
                        Assert.Fail($"{text} gave {result}.");
                        break;
                }
            }
        }, iter: 1500, print: text => text);
    }

    private static string Object(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(",", members.Select(member => member.Name + ":" + member.Value)) + "}";

}
