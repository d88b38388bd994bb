using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Tests.Routing;

/// <summary>The order in which one request tries the upstreams of its model.</summary>
public sealed class UpstreamRouterTests
{
    private static readonly IHttpMessageHandlerFactory s_httpHandlers = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpMessageHandlerFactory>();

    private readonly FakeTimeProvider _time = new();
    private readonly RoutingOptions _routing = new();

    [Fact]
    public void Lower_priorities_come_first_and_upstreams_out_of_service_last_soonest_back_first()
    {
        var late = Upstream("late", priority: 0);
        var soon = Upstream("soon", priority: 0);
        var fallback = Upstream("fallback", priority: 2);
        var primary = Upstream("primary", priority: 1);
        late.Health.RecordFailure("503", TimeSpan.FromMinutes(2), probe: false);
        soon.Health.RecordFailure("503", TimeSpan.FromMinutes(1), probe: false);

        var order = new UpstreamRouter(_time).Order(Route(late, soon, fallback, primary));

        Assert.Equal(["primary", "fallback", "soon", "late"], order.Targets.Select(target => target.Upstream.Name));
        Assert.Equal(2, order.InService);
    }

    [Fact]
    public void The_upstream_of_the_earlier_rounds_comes_first_while_it_can_serve()
    {
        var first = Upstream("first", priority: 0);
        var second = Upstream("second", priority: 1);
        var route = Route(first, second);
        route.Affinity = second;

        var kept = new UpstreamRouter(_time).Order(route);
        second.Health.RecordKeyRejected("refused", probe: false);
        var afterItFailed = new UpstreamRouter(_time).Order(route);

        Assert.Equal(["second", "first"], kept.Targets.Select(target => target.Upstream.Name));
        Assert.Equal(["first", "second"], afterItFailed.Targets.Select(target => target.Upstream.Name));
        Assert.Equal(1, afterItFailed.InService);
    }

    [Fact]
    public void An_upstream_at_its_concurrency_limit_is_left_out()
    {
        var full = Upstream("full", priority: 0, maxConcurrentRequests: 1);
        var free = Upstream("free", priority: 1);
        Assert.True(full.Load.TryEnter());

        var order = new UpstreamRouter(_time).Order(Route(full, free));

        Assert.Equal(["free"], order.Targets.Select(target => target.Upstream.Name));
        Assert.False(full.Load.TryEnter());
    }

    [Fact]
    public void Of_two_equal_upstreams_the_less_busy_goes_first_three_times_in_four()
    {
        const int Trials = 4000;
        var busy = Upstream("busy", priority: 0);
        var idle = Upstream("idle", priority: 0);
        for (var i = 0; i < 3; i++)
        {
            busy.Load.TryEnter();
        }

        var router = new UpstreamRouter(_time);
        var route = Route(busy, idle);
        var idleFirst = Enumerable.Range(0, Trials).Count(_ => router.Order(route).Targets[0].Upstream == idle);

        // Two draws by equal weight: both busy (1/4) picks busy; both idle (1/4) or one of each (1/2) picks idle, so
        // idle goes first with probability 3/4: mean 3000, standard deviation sqrt(4000 * 3/4 * 1/4) = 27.4. The band
        // 3000 ± 165 is six standard deviations (a correct router misses it with probability 2e-9); a router blind to
        // load would put idle first half the time (2000).
        Assert.InRange(idleFirst, 2835, 3165);
    }

    private UpstreamClient Upstream(string name, int priority, int? maxConcurrentRequests = null) => new(
        new ConfiguredUpstream(name, $"OpenChat:Upstreams:{name}", new UpstreamOptions
        {
            BaseUrl = new Uri($"http://{name}.example/v1"),
            Models = ["*"],
            Priority = priority,
            MaxConcurrentRequests = maxConcurrentRequests,
        }),
        _routing, s_httpHandlers, _time);

    private static ChatRoute Route(params UpstreamClient[] upstreams) =>
        new("gpt-4o-mini", [.. upstreams.Select(upstream => new RouteTarget(upstream, null))]);
}
