using CsCheck;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// Generators of chat completion chunks (and whole responses) as an upstream might send them: OpenAI's fields,
/// each sometimes of another type, in any order, with odd numbers, lone surrogates, unknown fields and repeats.
/// </summary>
internal static class ChunkTexts
{
    public static readonly string[] ServerTools = ["calculate", "current_time"];

    private static readonly Gen<string> s_index = Gen.Frequency(
        (6, Gen.Int[0, 3].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, JsonTexts.Number),
        (1, JsonTexts.Value));

    private static readonly Gen<string> s_functionName = Gen.Frequency(
        (2, Gen.OneOf(ServerTools).Select(name => $"\"{name}\"")),
        (2, Gen.OneOf("\"get_weather\"", "\"search\"")),
        (1, JsonTexts.Value));

    private static readonly Gen<string> s_arguments = Gen.Frequency(
        (4, Gen.OneOf("\"\"", "\"{\\\"expression\\\":\"", "\"\\\"6*7\\\"}\"", "\"{}\"")),
        (2, JsonTexts.String),
        (1, JsonTexts.Value));

    private static readonly Gen<string> s_function = Members(
        ("name", s_functionName),
        ("arguments", s_arguments));

    private static readonly Gen<string> s_toolCall = Members(
        ("index", s_index),
        ("id", Gen.Frequency((3, JsonTexts.Text), (1, JsonTexts.Value))),
        ("type", Gen.Frequency((4, Gen.Const("\"function\"")), (1, JsonTexts.Value))),
        ("function", Gen.Frequency((6, s_function), (1, JsonTexts.Value))));

    private static readonly Gen<string> s_delta = Members(
        ("role", Gen.Frequency((4, Gen.Const("\"assistant\"")), (1, JsonTexts.Value))),
        ("content", Gen.Frequency((4, JsonTexts.String), (2, Gen.OneOf("\"\"", "null")), (1, JsonTexts.Value))),
        ("tool_calls", Gen.Frequency((6, ArrayOf(s_toolCall)), (1, JsonTexts.Value))),
        ("function_call", Gen.Frequency((3, s_function), (1, JsonTexts.Value))),
        ("refusal", Gen.Frequency((3, Gen.Const("null")), (1, JsonTexts.Value))),
        ("reasoning_content", JsonTexts.Value));

    private static readonly Gen<string> s_choice = Members(
        ("index", s_index),
        ("delta", Gen.Frequency((8, s_delta), (1, JsonTexts.Value))),
        ("message", Gen.Frequency((1, s_delta), (4, Gen.Const("null")))),
        ("finish_reason", Gen.Frequency((4, Gen.Const("null")), (3, Gen.OneOf("\"stop\"", "\"tool_calls\"", "\"length\"")), (1, JsonTexts.Value))),
        ("logprobs", Gen.Const("null")));

    private static readonly Gen<string> s_usage = Members(
        ("prompt_tokens", JsonTexts.Number),
        ("completion_tokens", JsonTexts.Number),
        ("total_tokens", Gen.Frequency((3, JsonTexts.Number), (1, JsonTexts.Value))));

    /// <summary>A chunk's fields but <c>model</c>, in any order: a test adds its own <c>model</c> to see where the reader got to.</summary>
    public static readonly Gen<List<(string Name, string Value)>> FieldsButModel = MemberList(
        ("id", Gen.Frequency((3, JsonTexts.Text), (1, JsonTexts.Value))),
        ("object", Gen.Const("\"chat.completion.chunk\"")),
        ("choices", Gen.Frequency((8, ArrayOf(s_choice)), (1, Gen.Const("[]")), (1, JsonTexts.Value))),
        ("usage", Gen.Frequency((3, Gen.Const("null")), (2, s_usage), (1, JsonTexts.Value))),
        ("error", Gen.Frequency((1, Gen.Const("""{"message":"overloaded","type":"server_error"}""")), (1, JsonTexts.Value))));

    public static readonly Gen<string> Chunk = Gen.Select(
        FieldsButModel,
        Gen.Frequency((1, Gen.Const(default(string))), (2, Gen.Frequency((3, JsonTexts.Text), (1, JsonTexts.Value)).Select(model => (string?)model))),
        (fields, model) => JsonTexts.Object(model is null ? fields : [.. fields, ("\"model\"", model)]));

    /// <summary>One chunk that streams more tool calls than any turn makes.</summary>
    public static readonly Gen<string> TooManyCalls = Gen.Int[250, 270].Select(count =>
        $$$"""{"choices":[{"index":0,"delta":{"tool_calls":[{{{string.Join(",", Enumerable.Range(0, count).Select(i =>
            $$$"""{"index":{{{i}}},"id":"call_{{{i}}}","type":"function","function":{"name":"get_weather","arguments":""}}"""))}}}]}}]}""");

    /// <summary>An array of the items, sometimes with entries of other types between them.</summary>
    private static Gen<string> ArrayOf(Gen<string> item) =>
        Gen.Frequency((8, item), (1, JsonTexts.Scalar)).Array[0, 3].Select(JsonTexts.Array);

    private static Gen<string> Members(params (string Name, Gen<string> Value)[] fields) => MemberList(fields).Select(JsonTexts.Object);

    /// <summary>Each field present or not (or twice), shuffled, with unknown fields among them.</summary>
    private static Gen<List<(string Name, string Value)>> MemberList(params (string Name, Gen<string> Value)[] fields) =>
        Gen.Select(
                fields.Select(field => Gen.Frequency((1, 0), (6, 1), (1, 2))
                    .SelectMany(times => field.Value.Array[times])
                    .Select(values => values.Select(value => ($"\"{field.Name}\"", value)))).ToArray()
                .Aggregate(Gen.Const(Enumerable.Empty<(string, string)>()), (all, next) => Gen.Select(all, next, (a, b) => a.Concat(b))),
                Gen.Select(JsonTexts.String, JsonTexts.Value).Array[0, 1])
            .Select((known, unknown) => known.Concat(unknown).ToList())
            .SelectMany(members => Gen.Shuffle(members));
}
