using ModelContextProtocol.Client;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary><c>OpenChat:Tools</c>: the external MCP servers whose tools this service offers beside its own.</summary>
public sealed class McpFederationOptions
{
    public const string SectionName = "OpenChat:Tools";

    /// <summary>By server name (the configuration key), which is also the default prefix of its tools' names.</summary>
    public Dictionary<string, ExternalMcpServerOptions> McpServers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>OpenChat:Tools:McpServers:&lt;name&gt;</c>: one external MCP server.</summary>
public sealed class ExternalMcpServerOptions
{
    /// <summary>The server's MCP endpoint, for example <c>http://weather:8080/mcp</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>Streamable HTTP by default; <c>Sse</c> for the older HTTP+SSE transport, <c>AutoDetect</c> to try both.</summary>
    public HttpTransportMode Transport { get; set; } = HttpTransportMode.StreamableHttp;

    /// <summary>Sent with every request to the server, for example <c>Authorization: Bearer ...</c>.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server's own tool names to offer; none listed offers them all.</summary>
    public string[] AllowedTools { get; set; } = [];

    /// <summary>Bounds every wait on the server: connecting, each listing of its tools, each call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tools are offered as <c>&lt;prefix&gt;__&lt;tool&gt;</c>; the server's name when not set.</summary>
    public string? Prefix { get; set; }

    /// <summary>The largest result handed on, as the JSON the caller receives.</summary>
    public int MaxResultBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How often a connected server's tool list is read again: it notices a server that went away while idle, and
    /// follows one that cannot announce changes (a stateless server cannot).
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before connecting again; it doubles, with jitter, up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The MCP revision to ask for (for example <c>2025-11-25</c>); the client's newest when not set.</summary>
    public string? ProtocolVersion { get; set; }

    public string PrefixFor(string serverName) => string.IsNullOrEmpty(Prefix) ? serverName : Prefix;
}
