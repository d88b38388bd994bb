using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Sse;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// A streamed completion. Upstream events are read through a pooled pipe, framed, inspected in place and
/// written to the client's pipe as their original bytes; the client's pipe is flushed whenever the upstream
/// has nothing more buffered, so each event leaves as soon as it is complete. The events of one read are written into
/// the client's pipe a block at a time (<see cref="BlockBufferWriter"/>) and committed together before the flush.
/// Only chunks the client must not see as they are (server tool calls, intermediate finishes, usage and
/// <c>[DONE]</c>) are dropped or rewritten.
/// </summary>
internal sealed class StreamingCompletion(
    CompletionServices services, HttpContext http, ChatRequest request, CompletionRecord record, ChatRoute route, ServerToolSet serverTools)
    : CompletionRun(services, http, request, record, route, serverTools), IDisposable
{
    // Zero-byte reads: a stream waiting for its next event holds no buffer, which matters with thousands open.
    private static readonly StreamPipeReaderOptions s_readerOptions = new(
        pool: MemoryPool<byte>.Shared, bufferSize: 4096, minimumReadSize: 1024, leaveOpen: false, useZeroByteReads: true);

    private readonly PooledByteBuffer _eventScratch = new(0);
    private readonly PooledByteBuffer _dataScratch = new(0);
    private bool _started;
    private long _upstreamBytes;
    private ClientRole _role = request.ChoiceCount > 1 ? ClientRole.Unmanaged : ClientRole.Pending;

    public void Dispose()
    {
        _eventScratch.Dispose();
        _dataScratch.Dispose();
    }

    protected override async Task<bool> ExchangeAsync(UpstreamExchange exchange, ModelTurn turn, int round)
    {
        await StartResponseAsync();
        return await RelayEventsAsync(exchange, turn, round);
    }

    protected override Task CompleteAsync(ModelTurn turn)
    {
        SseWriter.WriteDone(Http.Response.BodyWriter);
        return EndResponseAsync();
    }

    protected override async Task FailAsync(ApiError error)
    {
        if (!_started)
        {
            await Http.Response.WriteApiErrorAsync(error);
            return;
        }

        // After the first byte the status is sent: the error travels as an event, and no [DONE] follows it,
        // so no client mistakes the failure for a clean finish.
        SseWriter.WriteEvent(Http.Response.BodyWriter, ApiErrorJson.ToUtf8(error));
        await EndResponseAsync();
    }

    /// <summary>
    /// Ends the response behind its last event, so that both usually leave in one send and the client has the whole
    /// stream before the sinks run: left to the server, the closing chunk went out after them, in a send of its own.
    /// </summary>
    private Task EndResponseAsync() => Http.Response.CompleteAsync();

    private async Task StartResponseAsync()
    {
        if (_started)
        {
            return;
        }

        var response = Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        Http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(ClientAborted);
        _started = true;
    }

    private async Task<bool> RelayEventsAsync(UpstreamExchange exchange, ModelTurn turn, int round)
    {
        var lifetime = exchange.Lifetime;
        var idleTimeout = exchange.IdleTimeout;
        var maxEventBytes = Services.RelayOptions.MaxUpstreamEventBytes;
        var maxStreamBytes = Services.RelayOptions.MaxStreamBytes;
        var body = Http.Response.BodyWriter;
        var output = new BlockBufferWriter(body);
        var framer = new SseEventFramer();
        var reader = PipeReader.Create(await exchange.Response.Content.ReadAsStreamAsync(lifetime.Token), s_readerOptions);
        try
        {
            while (true)
            {
                lifetime.Source.CancelAfter(idleTimeout);
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(lifetime.Token);
                }
                catch (OperationCanceledException) when (lifetime.TimedOut)
                {
                    return await FailExchangeAsync(ApiError.GatewayTimeout(
                        $"The upstream model server sent nothing for {idleTimeout.TotalSeconds:0.#} seconds.", "upstream_idle_timeout"),
                        CompletionStatus.UpstreamTimeout);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException && !ClientAborted.IsCancellationRequested)
                {
                    return await FailExchangeAsync(BrokenStream(), CompletionStatus.UpstreamError);
                }

                var buffer = result.Buffer;
                var outcome = EventOutcome.Nothing;
                ApiError? broken = null;
                try
                {
                    while (outcome != EventOutcome.UpstreamError && framer.TryFrame(buffer, result.IsCompleted, out var lines, out var consumed))
                    {
                        var before = buffer.Length;
                        outcome |= HandleEvent(lines, turn, round, output);
                        buffer = buffer.Slice(consumed);
                        _upstreamBytes += before - buffer.Length;
                    }
                }
                catch (ApiErrorException exception)
                {
                    // The upstream said something no model says (more tool calls than any turn makes, a chunk that
                    // cannot be rewritten).
                    broken = exception.Error;
                }
                finally
                {
                    // The events before a failure go out ahead of its error, as they would have one by one.
                    output.Commit();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if ((outcome & EventOutcome.Wrote) != 0)
                {
                    await body.FlushAsync(ClientAborted);
                }

                if (broken is not null)
                {
                    return await FailExchangeAsync(broken, CompletionStatus.UpstreamError);
                }

                if (_upstreamBytes > maxStreamBytes)
                {
                    Services.Instrumentation.Metrics.LimitExceeded(Limits.StreamBytes);
                    return await FailExchangeAsync(ApiError.BadGateway(
                        $"The upstream model server's answer is longer than the gateway relays ({maxStreamBytes} bytes).", "upstream_stream_too_large"),
                        CompletionStatus.UpstreamError);
                }

                if ((outcome & EventOutcome.UpstreamError) != 0)
                {
                    Record.Status = CompletionStatus.UpstreamError;
                    Record.Error = turn.Error?.Message ?? "The upstream model server reported an error mid-stream.";
                    await EndResponseAsync();
                    return false;
                }

                if (buffer.Length > maxEventBytes)
                {
                    Services.Instrumentation.Metrics.LimitExceeded(Limits.UpstreamEventBytes);
                    return await FailExchangeAsync(ApiError.BadGateway(
                        $"The upstream model server sent an event larger than {maxEventBytes} bytes.", "upstream_event_too_large"),
                        CompletionStatus.UpstreamError);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }

        // A stream that stops before saying how it finished was cut, whatever the connection said.
        return turn.SawDone || turn.FinishReason is not null || await FailExchangeAsync(BrokenStream(), CompletionStatus.UpstreamError);
    }

    private EventOutcome HandleEvent(in ReadOnlySequence<byte> lines, ModelTurn turn, int round, IBufferWriter<byte> output)
    {
        if (turn.SawDone)
        {
            return EventOutcome.Nothing;
        }

        var sseEvent = SseEventParser.Parse(lines, _eventScratch, _dataScratch);
        if (!sseEvent.HasData)
        {
            return EventOutcome.Nothing;
        }

        if (sseEvent.IsDone)
        {
            // Every round's [DONE] is held back: the client gets exactly one, when the whole completion is done.
            turn.SawDone = true;
            return EventOutcome.Nothing;
        }

        var facts = ChunkInspector.Inspect(sseEvent.Data, turn);
        if (facts.IsError)
        {
            SseWriter.WriteEvent(output, sseEvent.Data, sseEvent.Name);
            return EventOutcome.Wrote | EventOutcome.UpstreamError;
        }

        var rewrite = ChunkPolicy.Decide(facts, turn, round, Request.ClientWantsUsage, _role);
        if (rewrite is null)
        {
            return EventOutcome.Nothing;
        }

        if (rewrite == ChunkRewrite.None)
        {
            SseWriter.WriteEvent(output, sseEvent.Data, sseEvent.Name);
        }
        else
        {
            var usage = Record.Usage is { } earlier && turn.Usage is { } current ? earlier + current : turn.Usage;
            if (ChunkRewriter.Rewrite(sseEvent.Data, turn.ToolCalls, rewrite.Value, usage) is not { } rewritten)
            {
                return EventOutcome.Nothing;
            }

            SseWriter.WriteEvent(output, rewritten, sseEvent.Name);
        }

        if (_role == ClientRole.Pending && !facts.IsOpaque && !facts.HasNoChoices)
        {
            _role = ClientRole.Sent;
        }

        if (facts.HasContent || facts.ClientToolDeltas > 0)
        {
            Record.TimeToFirstToken ??= Services.TimeProvider.GetElapsedTime(Record.StartTimestamp);
        }

        return EventOutcome.Wrote;
    }

    private static ApiError BrokenStream() =>
        ApiError.BadGateway("The upstream model server's stream ended before the answer was complete.", "upstream_stream_broken");

    [Flags]
    private enum EventOutcome
    {
        Nothing = 0,
        Wrote = 1,
        UpstreamError = 2,
    }
}
