using CsCheck;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>Generators of chat-completion request bodies as JSON text: ones a client may send, and ones it should not.</summary>
internal static class ChatRequestTexts
{
    /// <summary>How deep a message's content may nest inside a request: the root object, messages and the message take three levels.</summary>
    public const int MaxContentDepth = JsonLimits.MaxRequestDepth - 3;

    /// <summary>Content: text, any value, a long text (past a transcript's budget), or nesting up to the limit.</summary>
    private static readonly Gen<string> s_content = Gen.Frequency(
        (4, JsonTexts.String),
        (2, JsonTexts.Value),
        (1, Gen.Char['a', 'z'].Array[1_000, 8_000].Select(text => $"\"{new string(text)}\"")),
        (1, JsonTexts.Nested(MaxContentDepth - 8, MaxContentDepth)));

    private static readonly Gen<string> s_message = Gen.Select(
        JsonTexts.String,
        s_content,
        Gen.Select(JsonTexts.Text, JsonTexts.Value).Array[0, 2],
        (role, content, others) => JsonTexts.Object([("\"role\"", role), ("\"content\"", content), .. others]));

    private static readonly Gen<string> s_tool = Gen.Frequency(
        (4, Gen.Select(JsonTexts.Text, JsonTexts.Value, (name, parameters) =>
            $$$"""{"type":"function","function":{"name":{{{name}}},"parameters":{{{parameters}}}}}""")),
        (1, JsonTexts.Value.Select(custom => $$"""{"type":"custom","custom":{{custom}}}""")));

    /// <summary>
    /// Requests the parser accepts: every field it reads has its right type; messages hold anything, up to the depth
    /// limit, but names that escape lone surrogates (the parser looks up each message's role among its names).
    /// </summary>
    public static readonly Gen<string> Accepted = Gen.Select(
            s_message.Array[1, 6].Select(JsonTexts.Array),
            Optional("model", JsonTexts.Text),
            Optional("stream", Gen.OneOf("true", "false")),
            Optional("stream_options", Gen.OneOf("""{"include_usage":true}""", """{"include_usage":false}""", "{}", "null")),
            Optional("tools", s_tool.Array[0, 3].Select(JsonTexts.Array)),
            Optional("n", Gen.Int[1, 4].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Optional("tool_choice", Gen.OneOf("\"none\"", "\"auto\"", "\"required\"")),
            (messages, model, stream, options, tools, n, choice) =>
                new List<(string, string)> { ("\"messages\"", messages) }.Concat(new[] { model, stream, options, tools, n, choice }.OfType<(string, string)>()).ToList())
        .SelectMany(members => Gen.Shuffle(members))
        .Select(JsonTexts.Object);

    /// <summary>
    /// Requests with the fields the parser reads, each of the right type or of any other, in any order, repeated
    /// or missing, with messages nested to just under and just past the depth limit.
    /// </summary>
    public static readonly Gen<string> Any = Gen.OneOf(
            Field("model", JsonTexts.String),
            Field("messages", Gen.Frequency(
                (4, s_message.Array[1, 3].Select(JsonTexts.Array)),
                (1, JsonTexts.Nested(MaxContentDepth - 2, MaxContentDepth + 3).Select(content => $$"""[{"role":"user","content":{{content}}}]""")),
                (1, Gen.OneOf("[]", "[1]", "[{}]", """[{"role":1}]""")))),
            Field("stream", Gen.OneOf("true", "false", "null")),
            Field("stream_options", Gen.Select(JsonTexts.Value, Gen.Bool, (value, right) => right ? """{"include_usage":true}""" : $$"""{"include_usage":{{value}}}""")),
            Field("tools", s_tool.Array[0, 3].Select(JsonTexts.Array)),
            Field("functions", Gen.Frequency((2, JsonTexts.Text), (1, JsonTexts.Value)).Select(name => $$"""[{"name":{{name}}}]""")),
            Field("tool_choice", Gen.OneOf("\"none\"", "\"auto\"", """{"type":"function","function":{"name":"f"}}""")),
            Field("function_call", Gen.OneOf("\"none\"", "\"auto\"", """{"name":"f"}""")),
            Field("n", Gen.OneOf("1", "2", "0", "-1", "1.5", "2147483648", "1e400", "\"2\"")),
            Gen.Select(JsonTexts.String, JsonTexts.Value))
        .Array[0, 8]
        .Select(members => JsonTexts.Object(members));

    private static Gen<(string Name, string Value)> Field(string name, Gen<string> right) =>
        Gen.Frequency((3, right), (1, JsonTexts.Value)).Select(value => ($"\"{name}\"", value));

    private static Gen<(string Name, string Value)?> Optional(string name, Gen<string> value) =>
        Gen.Frequency((1, Gen.Const(default((string, string)?))), (2, value.Select(v => ((string, string)?)($"\"{name}\"", v))));
}
