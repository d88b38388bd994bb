namespace OpenChat.LoadGenerator;

/// <summary>
/// What a target's load is sent to, with the key it needs, and the process its cost is read from; for the Api also
/// the Redis server its requests use, which shares the machine's cores and so is part of what a request costs; and
/// the simulators behind every target, whose work per request can differ with what a relay sends them.
/// </summary>
internal sealed record TargetServer(Uri Url, string? Key, ServiceProcess Process, IReadOnlyList<ServiceProcess> Models, ServiceProcess? Store = null)
{
    public TimeSpan ReadModelCpuTime() => Models.Aggregate(TimeSpan.Zero, (sum, model) => sum + model.ReadCpuTime());
}
