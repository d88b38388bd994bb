using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// One external MCP server, kept connected for as long as the service runs: connect, offer its tools, follow its
/// tool list, notice when it goes away, withdraw its tools and connect again after a backoff. Every wait on it is
/// bounded by its <c>Timeout</c>; while it is away, a call to one of its tools fails at once as a tool error.
/// </summary>
internal sealed class ExternalMcpServer : IDisposable
{
    // More than a model can choose among; a server offering more is cut there.
    private const int MaxTools = 512;

    // The JSON-RPC envelope carries a result's text and its structured content, both escaped: a response several
    // times the result's size is still an honest one.
    private const int ResponseBytesPerResultByte = 4;

    private readonly ExternalMcpServerOptions _options;
    private readonly ToolCatalog _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly int _maxResponseBytes;
    private volatile ServerConnection? _connection;
    private volatile ExternalServerState _state = ExternalServerState.Connecting;

    // What was last put in the catalog, so a refresh that finds the same tools changes nothing.
    private string? _publishedTools;
    private volatile int _toolCount;

    public ExternalMcpServer(string name, ExternalMcpServerOptions options, ToolCatalog catalog, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        Prefix = options.PrefixFor(name);
        _options = options;
        _catalog = catalog;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ExternalMcpServer>();
        _maxResponseBytes = options.MaxResultBytes * ResponseBytesPerResultByte;

        // A client of its own rather than one from the factory, whose resilience defaults would retry calls that
        // must not run twice and end the long-lived event streams after 30 seconds; every wait is bounded here.
        _http = new HttpClient(new BoundedResponses(_maxResponseBytes) { InnerHandler = new SocketsHttpHandler { ConnectTimeout = options.Timeout } })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

        // Until the first connection, a call to one of its tools is "unavailable", not "no such tool".
        Withdraw();
    }

    public string Name { get; }

    public string Prefix { get; }

    public ExternalServerState State => _state;

    public int ToolCount => _toolCount;

    public TimeSpan Timeout => _options.Timeout;

    public TimeSpan RefreshInterval => _options.RefreshInterval;

    public TimeProvider TimeProvider => _timeProvider;

    public ILogger Logger => _logger;

    /// <summary>Connects, and connects again whenever the connection is lost, until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            ServerConnection? connection = null;
            string? lostReason = null;
            Exception? connectError = null;
            try
            {
                connection = await ConnectAsync(stopping);

                // Calls may come as soon as the tools are listed, so the connection is there first.
                _connection = connection;
                _state = ExternalServerState.Connected;
                using (var deadline = new Deadline(_options.Timeout, _timeProvider, stopping))
                {
                    await PublishToolsAsync(connection.Client, deadline.Token);
                }

                connection.StartWatching();
                FederationLog.Connected(_logger, Name, connection.Client.NegotiatedProtocolVersion);
                var connectedAt = _timeProvider.GetTimestamp();
                lostReason = await connection.WaitUntilLostAsync(stopping);

                // A server that drops every connection at once keeps backing off; one that stayed a while starts over.
                if (_timeProvider.GetElapsedTime(connectedAt) >= _options.MaxReconnectDelay)
                {
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception exception)
            {
                connectError = exception;
            }
            finally
            {
                // New calls fail at once from here; the connection's own work stops before its tools are withdrawn,
                // so a refresh under way cannot put them back.
                _connection = null;
                _state = ExternalServerState.Unavailable;
                if (connection is not null)
                {
                    await connection.StopAsync();
                }

                Withdraw();
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            var delay = ReconnectBackoff.Delay(failures++, _options.ReconnectBaseDelay, _options.MaxReconnectDelay);
            if (connectError is not null)
            {
                FederationLog.ConnectFailed(_logger, Name, delay, connectError);
            }
            else
            {
                FederationLog.Lost(_logger, Name, lostReason ?? "unknown", delay);
            }

            try
            {
                await Task.Delay(delay, _timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="toolName"/> (the server's own name for it). Every way the call can fail but the caller's
    /// own cancellation and a broken result becomes a <see cref="ToolFailureException"/> with a message for the model.
    /// </summary>
    public async Task<JsonNode> CallAsync(string toolName, string offeredName, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (_connection is not { } connection)
        {
            throw Unavailable(offeredName);
        }

        using var activity = FederationTelemetry.StartCall(Name, _options.Url!, toolName);
        using var deadline = new Deadline(_options.Timeout, _timeProvider, cancellationToken);
        try
        {
            var result = await connection.Client.CallToolAsync(
                new CallToolRequestParams { Name = toolName, Arguments = arguments.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone(), StringComparer.Ordinal) },
                deadline.Token);
            if (result.IsError == true)
            {
                FederationTelemetry.Failed(activity, "tool_error");
            }

            return CallResultReader.Read(result, offeredName, _options.MaxResultBytes);
        }
        catch (OperationCanceledException) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            FederationTelemetry.Failed(activity, "timeout");
            throw new ToolFailureException(string.Create(CultureInfo.InvariantCulture,
                $"The MCP server '{Name}' did not answer '{offeredName}' within {_options.Timeout.TotalSeconds:0.###} seconds."));
        }
        catch (Exception exception) when (Find<ResponseTooLargeException>(exception) is not null)
        {
            FederationTelemetry.Failed(activity, "result_too_large");
            throw new ToolFailureException($"The answer of the MCP server '{Name}' to '{offeredName}' is more than {_maxResponseBytes} bytes. Ask for less at a time.");
        }
        catch (McpProtocolException exception)
        {
            // The server answered, with a JSON-RPC error: an unknown tool, arguments it refuses.
            FederationTelemetry.Failed(activity, "protocol_error");
            throw new ToolFailureException($"The MCP server '{Name}' refused '{offeredName}': {exception.Message}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(exception))
        {
            connection.MarkLost(Describe(exception));
            FederationTelemetry.Failed(activity, "unavailable");
            throw Unavailable(offeredName);
        }
    }

    /// <summary>
    /// Reads the server's tools, keeps the allowed ones under their offered names and puts them in the catalog
    /// when they differ from what is there.
    /// </summary>
    public async Task PublishToolsAsync(McpClient client, CancellationToken cancellationToken)
    {
        // The client's own listing pages through the whole list (bounded by the deadline) and remembers each tool,
        // so calls carry the Mcp-Param-* headers a tool's schema may ask for.
        var tools = (await client.ListToolsAsync(cancellationToken: cancellationToken)).Select(tool => tool.ProtocolTool).ToList();
        if (tools.Count > MaxTools)
        {
            FederationLog.TooManyTools(_logger, Name, MaxTools);
            tools.RemoveRange(MaxTools, tools.Count - MaxTools);
        }

        var allowed = _options.AllowedTools.Length == 0
            ? tools
            : tools.Where(tool => _options.AllowedTools.Contains(tool.Name, StringComparer.Ordinal));
        var (offered, clashing) = ExternalToolNames.Map(Prefix, allowed);
        foreach (var toolName in clashing)
        {
            FederationLog.NameClash(_logger, Name, toolName);
        }

        var published = string.Join('\n', offered.Select(entry => $"{entry.Name} {entry.Tool.Description} {entry.Tool.InputSchema.GetRawText()}"));
        if (published != _publishedTools)
        {
            _publishedTools = published;
            _toolCount = offered.Count;
            _catalog.SetServerTools(Name, Prefix + ExternalToolNames.Separator, [.. offered.Select(entry => new ExternalMcpTool(this, entry.Name, entry.Tool))]);
            FederationLog.ToolsPublished(_logger, Name, offered.Count);
        }
    }

    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException http => http.HttpRequestError.ToString(),
        _ => exception.GetType().Name,
    };

    public void Dispose() => _http.Dispose();

    private async Task<ServerConnection> ConnectAsync(CancellationToken stopping)
    {
        // Created before the client, so a notification that arrives while the tools are first listed is kept.
        var refreshRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _options.Url!,
            TransportMode = _options.Transport,
            Name = Name,
            AdditionalHeaders = _options.Headers,
            ConnectionTimeout = _options.Timeout,
        }, _http, _loggerFactory);
        var clientOptions = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "OpenChat.Tools", Version = "1.0.0" },
            ProtocolVersion = _options.ProtocolVersion,
            InitializationTimeout = _options.Timeout,
            TimeProvider = _timeProvider,
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                    {
                        refreshRequests.Writer.TryWrite(true);
                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        };

        using var deadline = new Deadline(_options.Timeout, _timeProvider, stopping);
        var client = await McpClient.CreateAsync(transport, clientOptions, _loggerFactory, deadline.Token);
        return new ServerConnection(this, client, refreshRequests);
    }

    private void Withdraw()
    {
        _publishedTools = null;
        _toolCount = 0;
        _catalog.SetServerTools(Name, Prefix + ExternalToolNames.Separator, null);
    }

    private ToolFailureException Unavailable(string offeredName) => new(ToolResult.UnavailableMessage(Name, offeredName));

    private static bool IsConnectionFailure(Exception exception) =>
        exception is HttpRequestException or IOException or McpException or ObjectDisposedException or OperationCanceledException or TimeoutException;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
