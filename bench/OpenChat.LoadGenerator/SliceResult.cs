namespace OpenChat.LoadGenerator;

/// <summary>
/// The streams of one slice, how long it lasted, and the CPU time the measured server used meanwhile
/// (the Api's when measuring through the Api, the simulator's when measuring it directly).
/// </summary>
internal sealed record SliceResult(IReadOnlyList<StreamResult> Streams, TimeSpan Elapsed, TimeSpan Cpu);
