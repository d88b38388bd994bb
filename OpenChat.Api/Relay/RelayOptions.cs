namespace OpenChat.Api.Relay;

/// <summary>Limits and model names of the relay; bound from <c>OpenChat:Relay</c>.</summary>
public sealed class RelayOptions
{
    public const string SectionName = "OpenChat:Relay";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest single upstream SSE event or non-streamed body the gateway will hold.</summary>
    public int MaxUpstreamEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The model used when a request names none.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Names clients may use for upstream models, for example <c>"fast": "gpt-4o-mini"</c>.</summary>
    public Dictionary<string, string> ModelAliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether model names that are not aliases pass through to the upstream as they are.</summary>
    public bool AllowUnlistedModels { get; set; } = true;
}
