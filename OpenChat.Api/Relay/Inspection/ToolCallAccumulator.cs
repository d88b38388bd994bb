using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Relay.Inspection;

/// <summary>
/// Collects the tool calls of one model turn by index, as OpenAI streams them: the first delta of a call
/// carries its id and name, later ones fragments of its arguments, and parallel calls interleave by index.
/// Each call is classed as a server call or a client call the moment its name is known.
/// </summary>
internal sealed class ToolCallAccumulator(IReadOnlySet<string> serverToolNames, int maxArgumentBytes) : IDisposable
{
    /// <summary>More calls than any model makes in one turn: past this the upstream is broken or hostile.</summary>
    public const int MaxCalls = 256;

    private readonly List<AccumulatedToolCall> _calls = [];
    private int _clientCalls;

    public IReadOnlyList<AccumulatedToolCall> Calls => _calls;

    public int ServerCallCount => _calls.Count - _clientCalls;

    public int ClientCallCount => _clientCalls;

    /// <summary>Finds the call a delta belongs to, creating it on its first delta.</summary>
    public AccumulatedToolCall Apply(int index, string? id, string? name, bool isLegacy)
    {
        var call = Find(index);
        if (call is null)
        {
            if (_calls.Count == MaxCalls)
            {
                throw new ApiErrorException(ApiError.BadGateway(
                    $"The upstream model server made more than {MaxCalls} tool calls in one turn.", "upstream_too_many_tool_calls"));
            }

            // A call whose name is not known on its first delta cannot be a server call: such deltas are
            // already on their way to the client.
            var isServer = name is not null && serverToolNames.Contains(name);
            call = new AccumulatedToolCall(index, isServer, isServer ? -1 : _clientCalls, isLegacy, maxArgumentBytes);
            if (!isServer)
            {
                _clientCalls++;
            }

            _calls.Add(call);
        }

        call.Id ??= id;
        call.Name ??= name;
        return call;
    }

    public AccumulatedToolCall? Find(int index)
    {
        foreach (var call in _calls)
        {
            if (call.Index == index)
            {
                return call;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var call in _calls)
        {
            call.Dispose();
        }
    }
}
