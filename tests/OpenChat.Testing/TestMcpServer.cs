using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace OpenChat.Testing;

/// <summary>
/// An MCP server of the official SDK (<c>ModelContextProtocol.AspNetCore</c>) with tools a test defines, on real
/// Kestrel at its own loopback port. It can be stopped and started again on the same port, as a server that went
/// away and came back; it records the headers and the JSON-RPC method of every request it receives.
/// </summary>
public sealed class TestMcpServer(IReadOnlyList<McpServerTool> tools, bool stateless = true, string? requiredBearerToken = null, bool legacySse = false)
    : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();
    private WebApplication? _app;
    private TaskCompletionSource _notificationsReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Endpoint => new($"http://127.0.0.1:{_port}/mcp");

    /// <summary>The older HTTP+SSE transport's endpoint, when the server maps it.</summary>
    public Uri SseEndpoint => new($"http://127.0.0.1:{_port}/mcp/sse");

    /// <summary>
    /// The <c>Authorization</c> and <c>traceparent</c> headers and the JSON-RPC method (null for a GET or a body that
    /// names none) of each request, in arrival order.
    /// </summary>
    public ConcurrentQueue<(string? Authorization, string? TraceParent, string? Method)> Requests { get; } = new();

    /// <summary>
    /// Completes once a client holds a stream the server can notify it on: the session's GET stream, or a
    /// <c>subscriptions/listen</c> response. The server drops a notification it has no stream for, so a test that
    /// changes the tools waits for this first. It completes as the stream's headers go out, which the SDK does only
    /// after it registered the stream.
    /// </summary>
    public Task NotificationsReady => _notificationsReady.Task;

    /// <summary>The running server's tools; adding one tells connected clients that the list changed.</summary>
    public McpServerPrimitiveCollection<McpServerTool> Tools =>
        _app!.Services.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A stopped server should end its open event streams at once, as one that died would.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.Zero);
        builder.Services.AddMcpServer()
            .WithHttpTransport(transport =>
            {
                transport.Stateless = stateless;
                // Obsolete on the server side, and still what some deployed servers speak: the gateway's client must too.
#pragma warning disable MCP9004
                transport.EnableLegacySse = legacySse;
#pragma warning restore MCP9004
            })
            .WithTools(tools);

        var app = builder.Build();
        var notificationsReady = _notificationsReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || context.Request.Headers["Mcp-Method"] == "subscriptions/listen")
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        notificationsReady.TrySetResult();
                    }

                    return Task.CompletedTask;
                });
            }

            var authorization = context.Request.Headers.Authorization.ToString();
            Requests.Enqueue((authorization.Length == 0 ? null : authorization, context.Request.Headers["traceparent"].FirstOrDefault(), await JsonRpcMethodAsync(context.Request)));
            if (requiredBearerToken is not null && authorization != $"Bearer {requiredBearerToken}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        _app = app;
    }

    private static async Task<string?> JsonRpcMethodAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        // Buffered, so the SDK reads the same body after this.
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("method", out var method)
                && method.ValueKind == JsonValueKind.String ? method.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
