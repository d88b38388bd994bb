namespace OpenChat.Api.Upstream;

/// <summary>How requests move between upstreams; bound from <c>OpenChat:Routing</c>.</summary>
internal sealed class RoutingOptions
{
    public const string SectionName = "OpenChat:Routing";

    /// <summary>Upstreams tried for one request when several serve its model, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Failures in a row that take an upstream out of service.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long an upstream stays out before one request probes it.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest time out of service: caps a 429's <c>Retry-After</c>, and is how long a refused key keeps an upstream out.</summary>
    public TimeSpan MaxCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upstreams asked for their model lists at once by <c>GET /v1/models</c>.</summary>
    public int ModelListConcurrency { get; set; } = 4;
}
