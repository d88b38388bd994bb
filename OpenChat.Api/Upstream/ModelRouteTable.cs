namespace OpenChat.Api.Upstream;

/// <summary>
/// Which upstreams serve which model, worked out once from their <c>Models</c>: a name some upstream lists gets those
/// upstreams and every <c>*</c> upstream; any other name gets the <c>*</c> upstreams alone.
/// </summary>
internal sealed class ModelRouteTable
{
    private readonly Dictionary<string, RouteTarget[]> _listed = new(StringComparer.Ordinal);
    private readonly RouteTarget[] _any;

    public ModelRouteTable(UpstreamPool pool)
    {
        _any = [.. pool.All.Where(upstream => upstream.Models.ServesAny).Select(upstream => new RouteTarget(upstream, null))];
        foreach (var name in pool.All.SelectMany(upstream => upstream.Models.Deployments.Keys).Distinct(StringComparer.Ordinal))
        {
            var exact = pool.All
                .Where(upstream => upstream.Models.Deployments.ContainsKey(name))
                .Select(upstream => new RouteTarget(upstream, upstream.Models.Deployments[name]));
            _listed[name] = [.. exact, .. _any.Where(target => !target.Upstream.Models.Deployments.ContainsKey(name))];
        }
    }

    /// <summary>The names upstreams list, as clients ask for them.</summary>
    public IEnumerable<string> ListedModels => _listed.Keys;

    /// <param name="model">The model a request resolved to.</param>
    /// <param name="anyModel">Whether upstreams that serve <c>*</c> may take a model no upstream lists.</param>
    public IReadOnlyList<RouteTarget> Find(string model, bool anyModel) =>
        _listed.TryGetValue(model, out var listed) ? listed : anyModel ? _any : [];
}
