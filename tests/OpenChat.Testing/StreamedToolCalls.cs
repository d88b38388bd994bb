using System.Text;
using OpenAI.Chat;

namespace OpenChat.Testing;

/// <summary>The tool calls a stream made, as the official OpenAI client's updates reassemble them by index, and how it finished.</summary>
public sealed record StreamedToolCalls(IReadOnlyList<StreamedToolCall> Calls, ChatFinishReason? Finish)
{
    public static async Task<StreamedToolCalls> CollectAsync(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        ChatFinishReason? finish = null;
        await foreach (var update in updates)
        {
            foreach (var call in update.ToolCallUpdates)
            {
                var known = calls.TryGetValue(call.Index, out var found) ? found : (null, null, new StringBuilder());
                known.Arguments.Append(call.FunctionArgumentsUpdate?.ToString());
                calls[call.Index] = (known.Id ?? call.ToolCallId, known.Name ?? call.FunctionName, known.Arguments);
            }

            finish ??= update.FinishReason;
        }

        return new StreamedToolCalls([.. calls.Values.Select(call => new StreamedToolCall(call.Id, call.Name, call.Arguments.ToString()))], finish);
    }
}

/// <summary>One reassembled call: the id and name of its first delta, and its arguments joined.</summary>
public sealed record StreamedToolCall(string? Id, string? Name, string Arguments);
