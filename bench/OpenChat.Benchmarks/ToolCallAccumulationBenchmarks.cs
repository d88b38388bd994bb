using System.Buffers;
using BenchmarkDotNet.Attributes;
using OpenChat.Api.Relay.Inspection;

namespace OpenChat.Benchmarks;

/// <summary>Putting two parallel tool calls together from their streamed deltas.</summary>
[MemoryDiagnoser]
public class ToolCallAccumulationBenchmarks
{
    private static readonly IReadOnlySet<string> s_serverTools = new HashSet<string> { "calculate" };

    private readonly ArrayBufferWriter<byte> _content = new(256);
    private byte[][] _chunks = [];

    [Params(20)]
    public int FragmentsPerCall { get; set; }

    [GlobalSetup]
    public void Setup() => _chunks = StreamSamples.ToolCallChunks(FragmentsPerCall);

    [Benchmark]
    public int Accumulate()
    {
        _content.ResetWrittenCount();
        using var turn = new ModelTurn(s_serverTools, _content, 64 * 1024);
        foreach (var chunk in _chunks)
        {
            ChunkInspector.Inspect(chunk, turn);
        }

        return turn.ToolCalls.ServerCallCount + turn.ToolCalls.ClientCallCount;
    }
}
