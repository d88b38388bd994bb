using System.Text.Json;
using OpenChat.ModelSimulator.Profiles;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// Decides, deterministically from the conversation, what the model answers: the script's tool calls while it
/// asks for tool rounds, an answer built on the tool results once they are in, or else the script's reply,
/// a number of filler tokens, or the user's words echoed back. A provider that does not read legacy
/// <c>functions</c> never calls them.
/// </summary>
public static class AnswerPlanner
{
    private static readonly string[] s_fillerWords =
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

    public static SimulatedAnswer Plan(SimulatedRequest request, IProviderProfile profile)
    {
        var calls = request.Legacy && !profile.SupportsLegacyFunctions ? [] : PlannedCalls(request);
        if (calls.Count > 0)
        {
            return new SimulatedAnswer([], calls, request.Legacy ? "function_call" : "tool_calls", request.Legacy);
        }

        var pieces = Pieces(request);
        if (request.MaxTokens is { } max && pieces.Count > max)
        {
            return new SimulatedAnswer(pieces.Take(max).ToList(), [], "length", request.Legacy);
        }

        return new SimulatedAnswer(pieces, [], "stop", request.Legacy);
    }

    /// <summary>Splits text into word-sized pieces that keep their leading space, so they join back exactly.</summary>
    public static List<string> SplitWords(string text)
    {
        var words = text.Split(' ');
        var pieces = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            pieces.Add(i == 0 ? words[i] : " " + words[i]);
        }

        return pieces.Where(piece => piece.Length > 0).ToList();
    }

    private static List<SimulatedToolCall> PlannedCalls(SimulatedRequest request)
    {
        var script = request.Script;
        var wantsTools = script.ToolCalls is { Count: > 0 }
            && !request.ToolChoiceNone
            && (script.ToolRounds == -1 || request.ToolTurns < script.ToolRounds);
        if (!wantsTools)
        {
            return [];
        }

        // A model only calls what it is offered; legacy function calling makes one call per turn.
        var offered = script.ToolCalls!.Where(call => request.OfferedTools.Contains(call.Name)).Take(request.Legacy ? 1 : int.MaxValue);
        return offered.Select((call, index) =>
        {
            var arguments = call.Arguments.ValueKind == JsonValueKind.String ? call.Arguments.GetString()! : call.Arguments.GetRawText();
            return new SimulatedToolCall($"call_sim{request.ToolTurns + 1}_{index}", call.Name, arguments, Fragments(arguments));
        }).ToList();
    }

    private static List<string> Pieces(SimulatedRequest request)
    {
        var script = request.Script;
        if (script.ContentBytes is { } bytes)
        {
            return [new string('x', bytes)];
        }

        if (request.ToolTurns > 0 && request.ToolResults.Count > 0)
        {
            return SplitWords(string.Join(' ', request.ToolResults.Select(result => $"The result of {result.Name} is {result.Content}.")));
        }

        if (script.Reply is { } reply)
        {
            return SplitWords(reply);
        }

        if (script.Tokens is { } tokens)
        {
            return Enumerable.Range(0, tokens).Select(i => (i == 0 ? "" : " ") + s_fillerWords[i % s_fillerWords.Length]).ToList();
        }

        return SplitWords("You said: " + request.UserText);
    }

    /// <summary>Arguments in three fragments, as a model streams them a few tokens at a time.</summary>
    private static List<string> Fragments(string arguments)
    {
        if (arguments.Length < 3)
        {
            return [arguments];
        }

        var size = arguments.Length / 3;
        return [arguments[..size], arguments[size..(2 * size)], arguments[(2 * size)..]];
    }
}
