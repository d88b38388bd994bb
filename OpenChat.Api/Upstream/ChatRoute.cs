namespace OpenChat.Api.Upstream;

/// <summary>
/// Where one completion may go: the model its request resolved to and the upstreams that serve it. It remembers
/// the upstream that served the completion's first round, so that later tool rounds stay on it while it can serve.
/// </summary>
internal sealed class ChatRoute(string model, IReadOnlyList<RouteTarget> candidates)
{
    public string Model => model;

    public IReadOnlyList<RouteTarget> Candidates => candidates;

    /// <summary>The upstream that served the last round, preferred for the next.</summary>
    public UpstreamClient? Affinity { get; set; }
}
