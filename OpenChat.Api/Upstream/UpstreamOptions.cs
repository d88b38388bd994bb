namespace OpenChat.Api.Upstream;

/// <summary>
/// One model server the gateway relays to: <c>OpenChat:Upstreams:&lt;name&gt;</c>, or <c>OpenChat:Upstream</c>, the
/// shorthand for one upstream named <c>default</c> that serves every model.
/// </summary>
internal sealed class UpstreamOptions
{
    /// <summary>The shorthand section.</summary>
    public const string SectionName = "OpenChat:Upstream";

    /// <summary>The section of named upstreams.</summary>
    public const string NamedSectionName = "OpenChat:Upstreams";

    /// <summary>The name of the upstream the shorthand section configures.</summary>
    public const string ShorthandName = "default";

    /// <summary>Base URL of the OpenAI-compatible API, ending in <c>/v1</c> (for example https://api.openai.com/v1).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The provider key; sent upstream only, never to clients. Empty for servers that take none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header that carries <see cref="ApiKey"/>: <c>Authorization</c> (as Bearer) or, for Azure, <c>api-key</c>.</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>Optional <c>OpenAI-Organization</c> and <c>OpenAI-Project</c> headers.</summary>
    public string? Organization { get; set; }

    public string? Project { get; set; }

    /// <summary>
    /// The models it serves: exact names, <c>*</c> for any, or <c>client-name=deployment-name</c> where the upstream
    /// calls the model otherwise (an Azure deployment). Empty for the shorthand means <c>*</c>.
    /// </summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Upstreams of a lower priority are tried first; the others are fallbacks.</summary>
    public int Priority { get; set; }

    /// <summary>Its share of traffic among upstreams of the same priority.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>Requests it may have in flight; at the limit it is skipped. None when unset.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>How long a streamed request may wait for the upstream's response headers.</summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a non-streamed request may wait for the whole upstream answer.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest silence between two upstream events before the stream is given up.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries of this upstream on connection failures, 408, 429, 500, 502, 503 and 504 when it is the only one that
    /// serves the model, made only before anything reached the client (several upstreams fall back instead).
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before a retry; a longer <c>Retry-After</c> goes back to the client instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ask the upstream for the usage chunk on every stream (and drop it for clients that did not ask), so transcripts and metrics always have token counts.</summary>
    public bool AlwaysRequestUsage { get; set; } = true;
}
