namespace OpenChat.Api.Tools;

/// <summary>How the Api offers and runs OpenChat.Tools' tools; bound from <c>OpenChat:Tools</c>.</summary>
internal sealed class ServerToolOptions
{
    public const string SectionName = "OpenChat:Tools";

    /// <summary>The Tools service, found by service discovery (<c>services:tools:http:0</c>).</summary>
    public Uri BaseUrl { get; set; } = new("http://tools");

    /// <summary><c>All</c> offers every server tool to the model; <c>None</c> offers none.</summary>
    public ServerToolMode Mode { get; set; } = ServerToolMode.All;

    /// <summary>
    /// The key the Tools service requires, sent as <c>Authorization: Bearer</c> on every call; required while
    /// <see cref="Mode"/> is <c>All</c>.
    /// </summary>
    public string? ServiceKey { get; set; }

    /// <summary>Rounds of server tool calls per completion; after the last, the model is asked to answer without tools.</summary>
    public int MaxRounds { get; set; } = 8;

    /// <summary>How long one tool call may take before the model is told it timed out.</summary>
    public TimeSpan InvokeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the catalog is read again from the Tools service.</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Server tool calls run in one turn; the model is told the calls past this were not run.</summary>
    public int MaxCallsPerTurn { get; set; } = 16;

    /// <summary>Server tool calls of one turn that run at the same time.</summary>
    public int MaxParallelCalls { get; set; } = 4;

    /// <summary>The longest arguments kept for a tool call; a server call with longer ones is not run.</summary>
    public int MaxArgumentBytes { get; set; } = 64 * 1024;

    /// <summary>The largest result read from the Tools service; a larger one reaches the model as a tool error.</summary>
    public int MaxResultBytes { get; set; } = 256 * 1024;

    /// <summary>How long a request waits for the very first catalog before going on without server tools.</summary>
    public TimeSpan InitialCatalogWait { get; set; } = TimeSpan.FromSeconds(5);
}
