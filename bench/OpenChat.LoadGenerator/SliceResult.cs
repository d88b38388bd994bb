namespace OpenChat.LoadGenerator;

/// <summary>One slice of load against one target.</summary>
/// <param name="Streams">Every stream the slice ran, failed ones included.</param>
/// <param name="Cpu">
/// The CPU time the measured server used meanwhile: the relay's through a relay, the simulator's directly.
/// </param>
/// <param name="StoreCpu">The CPU time the target's store (the Api's Redis) used meanwhile; zero without one.</param>
/// <param name="ModelCpu">The CPU time the simulators used meanwhile, answering this target's requests.</param>
/// <param name="MachineCpu">The busy time of all the machine's cores meanwhile (<see cref="MachineCpu"/>).</param>
/// <param name="CompletionsPerSecond">
/// The sum of each worker's own rate (its completions over the time it ran). Dividing all completions by the
/// slice's time instead would let the one worker whose last stream started just before the deadline stretch
/// the slice by a whole stream: with one-second streams in three-second slices, that swings the rate by a
/// quarter on a millisecond's difference.
/// </param>
/// <param name="PeakRssBytes">The measured server's largest resident set, sampled every 100 ms.</param>
internal sealed record SliceResult(IReadOnlyList<StreamResult> Streams, TimeSpan Cpu, TimeSpan StoreCpu, TimeSpan ModelCpu, TimeSpan MachineCpu, double CompletionsPerSecond, long PeakRssBytes);
