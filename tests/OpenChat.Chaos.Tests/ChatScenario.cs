using System.Text.Json;

namespace OpenChat.Chaos.Tests;

/// <summary>What the simulated model is scripted to do with one request.</summary>
internal enum ScenarioKind
{
    /// <summary>Streams the reply to its end.</summary>
    Answer,

    /// <summary>Resets the connection after some of the reply's words.</summary>
    ResetMidStream,

    /// <summary>Fails with 500 before streaming, every time (the gateway's retries too).</summary>
    UpstreamFails,

    /// <summary>Fails with 503 before streaming the first time only; the gateway's retry gets the reply.</summary>
    UpstreamFailsOnce,

    /// <summary>Calls the server tool <c>calculate</c>, then answers with its result (or its error).</summary>
    ServerToolCall,
}

/// <summary>
/// One request of the load: a unique reply of 20 to 60 words, and a <c>#sim</c> script chosen at random, so the
/// answer the client must see is known exactly.
/// </summary>
internal sealed record ChatScenario(long Number, ScenarioKind Kind, IReadOnlyList<string> Words, int FailAfter)
{
    public const string ToolAnswerStart = "The result of calculate is ";

    public string Reply => string.Join(' ', Words);

    public static ChatScenario Pick(long number, Random random)
    {
        var words = Enumerable.Range(0, random.Next(20, 61)).Select(i => $"r{number}w{i}").ToArray();
        var kind = random.Next(100) switch
        {
            < 70 => ScenarioKind.Answer,
            < 80 => ScenarioKind.ResetMidStream,
            < 85 => ScenarioKind.UpstreamFails,
            < 90 => ScenarioKind.UpstreamFailsOnce,
            _ => ScenarioKind.ServerToolCall,
        };
        return new ChatScenario(number, kind, words, FailAfter: random.Next(1, words.Length));
    }

    public string RequestJson()
    {
        var script = new Dictionary<string, object> { ["id"] = $"chaos-{Number}", ["reply"] = Reply };
        switch (Kind)
        {
            case ScenarioKind.ResetMidStream:
                script["fail_after"] = FailAfter;
                script["fail_mode"] = "abort";
                break;
            case ScenarioKind.UpstreamFails:
                script["status"] = 500;
                break;
            case ScenarioKind.UpstreamFailsOnce:
                script["status"] = 503;
                script["fail_times"] = 1;
                break;
            case ScenarioKind.ServerToolCall:
                script["tool_calls"] = new[] { new { name = "calculate", arguments = new { expression = "6*7" } } };
                break;
        }

        var content = $"chaos request {Number}\n#sim {JsonSerializer.Serialize(script)}";
        return JsonSerializer.Serialize(new
        {
            model = "gpt-4o-mini",
            stream = true,
            messages = new[] { new { role = "user", content } },
        });
    }

    /// <summary>What is wrong with the response for this script, or null when it is what the client must see.</summary>
    public string? Check(ObservedResponse response) => Kind switch
    {
        ScenarioKind.Answer or ScenarioKind.UpstreamFailsOnce when response is { End: ResponseEnd.Done } && response.Content == Reply => null,
        ScenarioKind.ResetMidStream when response is { End: ResponseEnd.ErrorEvent, ErrorCode: "upstream_stream_broken" }
            && Reply.StartsWith(response.Content, StringComparison.Ordinal) && response.Content.Length < Reply.Length => null,
        // A reset discards what the gateway had not read yet, the response headers too when it comes soon enough
        // after them: then nothing had reached the client, the retries met the same reset, and the answer is a 502.
        ScenarioKind.ResetMidStream when response is { End: ResponseEnd.ErrorBody, Status: 502, ErrorCode: "upstream_unreachable" } => null,
        ScenarioKind.UpstreamFails when response is { End: ResponseEnd.ErrorBody, Status: 500 } => null,
        ScenarioKind.ServerToolCall when response is { End: ResponseEnd.Done } && response.Content.StartsWith(ToolAnswerStart, StringComparison.Ordinal) => null,
        _ => $"unexpected {response.Describe()}",
    };

    /// <summary>The transcript status that matches what the client saw.</summary>
    public string TranscriptStatus(ObservedResponse response) => Kind switch
    {
        ScenarioKind.ResetMidStream or ScenarioKind.UpstreamFails => "upstream_error",
        ScenarioKind.ServerToolCall when !ToolRan(response) => "tool_error",
        _ => "completed",
    };

    /// <summary>The model's answer quotes the tool's result (<c>{"expression":"6*7","result":"42",...}</c>), or its error.</summary>
    public static bool ToolRan(ObservedResponse response) =>
        response.Content.StartsWith(ToolAnswerStart, StringComparison.Ordinal) && response.Content.Contains("\"result\":\"42\"", StringComparison.Ordinal);
}
