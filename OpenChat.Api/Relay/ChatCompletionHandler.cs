using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.RequestBodies;
using OpenChat.Api.Requests;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// <c>POST /v1/chat/completions</c>: reads and checks the request, picks the server tools to offer, runs the
/// completion in the client's mode, and hands the finished record to the sinks however the completion ended.
/// </summary>
internal sealed class ChatCompletionHandler(
    CompletionServices services,
    ModelResolver models,
    ServerToolCatalog toolCatalog,
    IEnumerable<ICompletionSink> sinks,
    IOptions<RelayOptions> relayOptions,
    IOptions<ServerToolOptions> toolOptions,
    ActiveCompletions active,
    ILogger<ChatCompletionHandler> logger,
    ICompletionAdmission? admission = null)
{
    private readonly ICompletionSink[] _sinks = [.. sinks];

    public async Task HandleAsync(HttpContext http)
    {
        var timeProvider = services.TimeProvider;
        var createdAt = timeProvider.GetUtcNow();
        ChatRequest request;
        ChatRoute route;
        try
        {
            var body = await RequestBodyReader.ReadAsync(http.Request, relayOptions.Value.MaxRequestBodyBytes, http.RequestAborted);
            request = ChatRequestParser.Parse(body);
            try
            {
                route = models.Resolve(request.Model);
            }
            catch
            {
                request.Dispose();
                throw;
            }
        }
        catch (ApiErrorException exception)
        {
            // The client's own mistake: nothing was served, so nothing is recorded.
            RelayLog.RequestRejected(logger, exception.Error.Status, exception.Error.Code);
            await http.Response.WriteApiErrorAsync(exception.Error);
            return;
        }

        using (request)
        {
            var caller = GatewayCaller.From(http.User);
            using var admitted = admission is null ? null : await admission.AdmitAsync(caller, request, route.Model, http.RequestAborted);
            if (admitted is not null)
            {
                admitted.WriteHeaders(http.Response.Headers);
                if (admitted.Refusal is { } refusal)
                {
                    RelayLog.RequestRejected(logger, refusal.Status, refusal.Code);
                    await http.Response.WriteApiErrorAsync(refusal);
                    return;
                }
            }

            using var record = new CompletionRecord
            {
                Id = CompletionIds.New(createdAt),
                Caller = caller,
                Admission = admitted,
                CreatedAt = createdAt,
                StartTimestamp = timeProvider.GetTimestamp(),
                Stream = request.Stream,
                TraceContext = Activity.Current?.Context ?? default,
                RequestedModel = request.Model,
                UpstreamModel = route.Model,
                RequestMessages = request.RawMemory(request.Messages),
                RequestTools = request.Tools is { } tools ? request.RawMemory(tools) : default,
                Content = new CappedByteBuffer(relayOptions.Value.MaxContentBytes),
            };
            http.Response.Headers["X-Transcript-Id"] = record.Id;

            var serverTools = await OfferedToolsAsync(request, http.RequestAborted);
            await RunAsync(http, request, record, route, serverTools);
        }
    }

    private async Task RunAsync(HttpContext http, ChatRequest request, CompletionRecord record, ChatRoute route, ServerToolSet serverTools)
    {
        var metrics = services.Instrumentation.Metrics;
        active.Started();
        if (request.Stream)
        {
            metrics.ActiveStreams.Add(1);
        }

        try
        {
            if (request.Stream)
            {
                using var streaming = new StreamingCompletion(services, http, request, record, route, serverTools);
                await streaming.RunAsync();
            }
            else
            {
                await new BufferedCompletion(services, http, request, record, route, serverTools).RunAsync();
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            record.Status = CompletionStatus.ClientCancelled;
        }
        catch (Exception exception) when (exception is IOException && http.RequestAborted.IsCancellationRequested)
        {
            record.Status = CompletionStatus.ClientCancelled;
        }
        finally
        {
            active.Ended();
            if (request.Stream)
            {
                metrics.ActiveStreams.Add(-1);
            }

            record.Duration = services.TimeProvider.GetElapsedTime(record.StartTimestamp);
            RelayLog.CompletionEnded(logger, record.Id, record.Status, record.Rounds, record.Duration.TotalMilliseconds);
            if (record.Content.Truncated)
            {
                metrics.LimitExceeded(Limits.ContentBytes);
            }

            foreach (var sink in _sinks)
            {
                try
                {
                    sink.OnCompleted(record);
                }
                catch (Exception exception)
                {
                    // The client has its answer; a sink's failure must not take it back, nor keep the other sinks from the record.
                    RelayLog.SinkFailed(logger, record.Id, sink.GetType().Name, exception);
                }
            }
        }
    }

    /// <summary>
    /// The server tools this request offers the model: none when switched off, when the client forbade tool
    /// calls, or when it asked for several choices (the tool loop follows one); the client's own tools win a
    /// name they share with a server tool.
    /// </summary>
    private async ValueTask<ServerToolSet> OfferedToolsAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (toolOptions.Value.Mode == ServerToolMode.None || request.ToolChoiceNone || request.ChoiceCount > 1)
        {
            return ServerToolSet.Empty;
        }

        var catalog = await toolCatalog.GetAsync(cancellationToken);
        return catalog.Without(request.ClientToolNames);
    }
}
