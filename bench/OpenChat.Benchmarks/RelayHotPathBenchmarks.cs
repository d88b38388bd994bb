using System.Buffers;
using BenchmarkDotNet.Attributes;
using OpenChat.Api.Buffers;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Sse;

namespace OpenChat.Benchmarks;

/// <summary>
/// What the relay does to every upstream event: frame it, read its fields, decide, and write it for the client.
/// One operation is a whole 50-chunk answer, as the benchmark's model streams it.
/// </summary>
[MemoryDiagnoser]
public class RelayHotPathBenchmarks : IDisposable
{
    private static readonly IReadOnlySet<string> s_serverTools = new HashSet<string> { "calculate" };

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _content = new(4096);
    private readonly PooledByteBuffer _eventScratch = new();
    private readonly PooledByteBuffer _dataScratch = new();
    private ReadOnlySequence<byte> _stream;

    [Params(50)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup() => _stream = new ReadOnlySequence<byte>(StreamSamples.TextStream(Chunks));

    public void Dispose()
    {
        _eventScratch.Dispose();
        _dataScratch.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "frame only")]
    public int Frame()
    {
        var framer = new SseEventFramer();
        var buffer = _stream;
        var events = 0;
        while (framer.TryFrame(buffer, isCompleted: false, out _, out var consumed))
        {
            buffer = buffer.Slice(consumed);
            events++;
        }

        return events;
    }

    [Benchmark(Baseline = true, Description = "frame, inspect, decide, forward")]
    public int Relay()
    {
        _output.ResetWrittenCount();
        _content.ResetWrittenCount();
        using var turn = new ModelTurn(s_serverTools, _content, 64 * 1024);
        var framer = new SseEventFramer();
        var buffer = _stream;
        while (framer.TryFrame(buffer, isCompleted: false, out var lines, out var consumed))
        {
            var sseEvent = SseEventParser.Parse(lines, _eventScratch, _dataScratch);
            if (sseEvent.HasData && !sseEvent.IsDone)
            {
                var facts = ChunkInspector.Inspect(sseEvent.Data, turn);
                if (ChunkPolicy.Decide(facts, turn, round: 1, clientWantsUsage: false, ClientRole.Sent) == ChunkRewrite.None)
                {
                    SseWriter.WriteEvent(_output, sseEvent.Data, sseEvent.Name);
                }
            }

            buffer = buffer.Slice(consumed);
        }

        return _output.WrittenCount;
    }
}
