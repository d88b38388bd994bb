namespace OpenChat.Api.Upstream;

/// <summary>Where an upstream stands, as <c>/admin/upstreams</c>, <c>/health</c> and the state gauge report it.</summary>
internal enum UpstreamState
{
    /// <summary>In service.</summary>
    Healthy = 0,

    /// <summary>Its cooldown is over: the next request that picks it probes it, one at a time.</summary>
    Probing = 1,

    /// <summary>Out of service after failing, or after a 429 with <c>Retry-After</c>, until its cooldown ends.</summary>
    CoolingDown = 2,

    /// <summary>Out of service because it refused the gateway's key (401 or 403).</summary>
    KeyRejected = 3,
}

internal static class UpstreamStateNames
{
    public static string ToWireName(this UpstreamState state) => state switch
    {
        UpstreamState.Probing => "probing",
        UpstreamState.CoolingDown => "cooling_down",
        UpstreamState.KeyRejected => "key_rejected",
        _ => "healthy",
    };
}
