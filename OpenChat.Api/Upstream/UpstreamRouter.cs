namespace OpenChat.Api.Upstream;

/// <summary>
/// Orders the upstreams that serve a request's model: the one that served the completion's earlier rounds first
/// while it can serve, then by priority (lower first), and among upstreams of the same priority by weighted power of
/// two choices on the requests each has in flight, as YARP's <c>PowerOfTwoChoicesLoadBalancingPolicy</c> picks
/// destinations: draw two by weight, take the one with less load for its weight (the first drawn on a tie, so idle
/// upstreams share traffic by weight). Upstreams out of service follow as a last resort.
/// </summary>
internal sealed class UpstreamRouter(TimeProvider timeProvider)
{
    public RouteOrder Order(ChatRoute route)
    {
        var now = timeProvider.GetUtcNow();
        var candidates = route.Candidates;
        var order = new List<RouteTarget>(candidates.Count);
        var ready = new List<RouteTarget>(candidates.Count);
        List<RouteTarget>? resting = null;
        foreach (var candidate in candidates)
        {
            var upstream = candidate.Upstream;
            if (upstream.Load.IsFull)
            {
                continue;
            }

            if (!upstream.Health.IsInService(now))
            {
                (resting ??= []).Add(candidate);
            }
            else if (upstream == route.Affinity && order.Count == 0)
            {
                order.Add(candidate);
            }
            else
            {
                ready.Add(candidate);
            }
        }

        while (ready.Count > 0)
        {
            var priority = ready.Min(target => target.Upstream.Priority);
            var index = PickAmong(ready, priority);
            order.Add(ready[index]);
            ready.RemoveAt(index);
        }

        var inService = order.Count;
        if (resting is not null)
        {
            order.AddRange(resting.OrderBy(target => target.Upstream.Health.OutUntil).ThenBy(target => target.Upstream.Priority));
        }

        return new RouteOrder(order, inService);
    }

    /// <summary>Weighted power of two choices among the targets of one priority.</summary>
    private static int PickAmong(List<RouteTarget> targets, int priority)
    {
        var total = 0.0;
        var count = 0;
        var only = -1;
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].Upstream.Priority == priority)
            {
                total += targets[i].Upstream.Weight;
                count++;
                only = i;
            }
        }

        if (count == 1)
        {
            return only;
        }

        var first = Draw(targets, priority, total);
        var second = Draw(targets, priority, total);
        var a = targets[first].Upstream;
        var b = targets[second].Upstream;

        // Load for weight compared without dividing: a.Outstanding / a.Weight <= b.Outstanding / b.Weight.
        return a.Load.Outstanding * b.Weight <= b.Load.Outstanding * a.Weight ? first : second;
    }

    private static int Draw(List<RouteTarget> targets, int priority, double total)
    {
        var point = Random.Shared.NextDouble() * total;
        var last = -1;
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].Upstream.Priority != priority)
            {
                continue;
            }

            last = i;
            point -= targets[i].Upstream.Weight;
            if (point < 0)
            {
                return i;
            }
        }

        // Rounding can leave a sliver past the last weight.
        return last;
    }
}
