namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// One of several upstreams, each a simulator of its own: its name (the Api's <c>OpenChat:Upstreams:&lt;name&gt;</c>
/// and the simulator's <c>Simulator:Name</c>, which the script's <c>fail_on</c> names), settings for its simulator,
/// and the Api's settings for it, relative to its section (<c>Priority</c>, <c>Weight</c>, <c>Models:0</c>...).
/// </summary>
public sealed record SimulatedUpstream(
    string Name,
    IReadOnlyDictionary<string, string?>? Upstream = null,
    IReadOnlyDictionary<string, string?>? Simulator = null);
