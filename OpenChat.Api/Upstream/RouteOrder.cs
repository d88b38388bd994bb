namespace OpenChat.Api.Upstream;

/// <summary>
/// The upstreams one request will try, in order: first those in service (<see cref="InService"/> of them), then,
/// as a last resort, those out of service, soonest back first. Upstreams at their concurrency limit are not in it.
/// </summary>
internal readonly record struct RouteOrder(List<RouteTarget> Targets, int InService);
