using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenChat.Api.Upstream;

/// <summary><c>GET /admin/upstreams</c>: each upstream's configuration (no secrets) and state, for operators and the console.</summary>
internal static class UpstreamsAdminApi
{
    public static RouteGroupBuilder MapUpstreamsAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/upstreams", ListUpstreams)
            .WithName("ListUpstreams")
            .WithSummary("Lists the upstreams with their models, weights, state and load.");
        return admin;
    }

    public static JsonHttpResult<UpstreamStatusList> ListUpstreams(UpstreamPool pool) =>
        TypedResults.Json(new UpstreamStatusList([.. pool.All.Select(StatusOf)]), UpstreamStatusJsonContext.Default.UpstreamStatusList);

    private static UpstreamStatus StatusOf(UpstreamClient upstream)
    {
        var health = upstream.Health.Snapshot();
        var options = upstream.Options;
        // Authority is host and port: user information in the URL, if any, stays out.
        return new UpstreamStatus(upstream.Name, upstream.BaseUrl.Authority, options.Models, options.Priority, options.Weight,
            options.MaxConcurrentRequests, health.State.ToWireName(), upstream.Load.Outstanding, health.OutUntil,
            health.ConsecutiveFailures, health.LastError);
    }
}
