using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// One completion, from the first upstream call to the client's last byte: the tool loop. Each round sends
/// the request (with the tool rounds so far) upstream, to the upstream of the earlier rounds while it can serve;
/// a turn that ends in server tool calls has them run on OpenChat.Tools and goes round again; any other turn is
/// the answer. After <c>MaxRounds</c> rounds of tools the model is asked once more with tool calls forbidden. How
/// a round reaches the client is the streaming or buffered subclass's business.
/// </summary>
internal abstract class CompletionRun(
    CompletionServices services, HttpContext http, ChatRequest request, CompletionRecord record, ChatRoute route, ServerToolSet serverTools)
{
    private static readonly ApiError s_internalError = new(StatusCodes.Status500InternalServerError,
        "The gateway failed while serving the completion.", ErrorTypes.Server, "internal_error");

    protected CompletionServices Services => services;

    protected HttpContext Http => http;

    protected ChatRequest Request => request;

    protected CompletionRecord Record => record;

    protected ServerToolSet ServerTools => serverTools;

    /// <summary>Read once: Kestrel takes a lock on every read of <c>RequestAborted</c>, and a stream flushes with it per chunk.</summary>
    protected CancellationToken ClientAborted { get; } = http.RequestAborted;

    /// <summary>
    /// Runs the completion. A failure inside the gateway is recorded; the client hears of it as an error event when
    /// the stream has started, and otherwise through the exception handler, which answers with a 500.
    /// </summary>
    public async Task RunAsync()
    {
        try
        {
            await RunRoundsAsync();
        }
        catch (Exception exception) when (!ClientAborted.IsCancellationRequested)
        {
            record.Status = CompletionStatus.Failed;
            record.Error = s_internalError.Message;
            RelayLog.CompletionFailed(services.Logger, record.Id, exception);
            if (!http.Response.HasStarted)
            {
                throw;
            }

            await FailAsync(s_internalError);
        }
    }

    private async Task RunRoundsAsync()
    {
        var toolFailed = false;
        using var bodies = new RoundBodies(request, serverTools);

        for (var round = 1; ; round++)
        {
            var lastRound = round > services.ToolOptions.MaxRounds;
            record.Rounds = round;
            bodies.StartRound(forbidToolCalls: lastRound);

            using var turn = new ModelTurn(serverTools.Names, record.Content, services.ToolOptions.MaxArgumentBytes);
            var contentStart = record.Content.WrittenCount;
            var exchanged = await ExchangeWithTelemetryAsync(bodies, turn, round, contentStart);
            if (!exchanged)
            {
                return;
            }

            if (!turn.EndsInServerToolCalls)
            {
                record.FinishReason = turn.FinishReason;
                record.Status = lastRound ? CompletionStatus.LimitReached
                    : toolFailed ? CompletionStatus.ToolError
                    : CompletionStatus.Completed;
                await CompleteAsync(turn);
                return;
            }

            if (lastRound)
            {
                record.Status = CompletionStatus.LimitReached;
                await FailAsync(new ApiError(StatusCodes.Status502BadGateway,
                    $"The model kept calling server tools after {services.ToolOptions.MaxRounds} rounds and after being told to answer without them.",
                    ErrorTypes.Upstream, "tool_round_limit_reached"));
                return;
            }

            var calls = turn.ToolCalls.Calls;
            EnsureCallIds(calls, round);
            var results = await services.Tools.ExecuteAsync(calls, ClientAborted);
            for (var i = 0; i < calls.Count; i++)
            {
                record.ToolCalls.Add(new ToolCallRecord(round, calls[i].Id, calls[i].Name, calls[i].Arguments, IsServer: true,
                    results[i].Content, results[i].Outcome, results[i].Duration) { ArgumentsTruncated = calls[i].ArgumentsTruncated });
                toolFailed |= results[i].Outcome != ToolOutcome.Ok;
            }

            bodies.Appended.AddRange(ToolRoundMessages.Create(record.Content.WrittenSpan[contentStart..], calls, results));
        }
    }

    /// <summary>
    /// Reads one round's upstream response to the client and into the record.
    /// </summary>
    /// <returns>False when the exchange ended the completion (the error has been reported to the client).</returns>
    protected abstract Task<bool> ExchangeAsync(UpstreamExchange exchange, ModelTurn turn, int round);

    /// <summary>Delivers the end of a successful completion.</summary>
    protected abstract Task CompleteAsync(ModelTurn turn);

    /// <summary>Reports a failure to the client: an error response, or an error event if the stream has started.</summary>
    protected abstract Task FailAsync(ApiError error);

    /// <summary>Reports a failed exchange with the upstream and records it.</summary>
    protected async Task<bool> FailExchangeAsync(ApiError error, CompletionStatus status)
    {
        record.Status = status;
        record.Error = error.Message;
        await FailAsync(error);
        return false;
    }

    /// <summary>
    /// One round: the upstreams are asked (each attempt its own span, the failed ones recorded where they failed),
    /// then the response that succeeded is read, and its span and attempt record what it came to.
    /// </summary>
    private async Task<bool> ExchangeWithTelemetryAsync(RoundBodies bodies, ModelTurn turn, int round, int contentStart)
    {
        UpstreamExchange exchange;
        try
        {
            exchange = await services.Upstreams.SendChatAsync(
                new ChatCall(route, request.Stream, round, record.RequestMessages, record.Attempts), bodies, ClientAborted);
        }
        catch (ApiErrorException exception)
        {
            return await FailExchangeAsync(exception.Error, StatusOf(exception.Error));
        }

        using (exchange)
        {
            record.Upstream = exchange.UpstreamName;
            var exchanged = false;
            try
            {
                exchanged = await ExchangeAsync(exchange, turn, round);
                return exchanged;
            }
            finally
            {
                var status = exchanged ? CompletionStatus.Completed
                    : ClientAborted.IsCancellationRequested ? CompletionStatus.ClientCancelled
                    : record.Status;
                var errorType = exchanged ? null : status.ToWireName();
                var error = turn.Error?.Message ?? record.Error;
                services.Instrumentation.RecordChat(exchange.Activity,
                    new ChatCallOutcome(exchange.Model, exchange.Server, exchange.StartTimestamp,
                        turn.ResponseModel, turn.ResponseId, turn.FinishReason, turn.Usage, errorType, error),
                    record.Content.WrittenSpan[contentStart..]);
                exchange.Complete(status, error);
                record.AddUsage(turn.Usage);
                record.ResponseId = turn.ResponseId ?? record.ResponseId;
                record.ResponseModel = turn.ResponseModel ?? record.ResponseModel;
                RecordClientCalls(turn, round);
            }
        }
    }

    private static CompletionStatus StatusOf(ApiError error) =>
        error.Status == StatusCodes.Status504GatewayTimeout ? CompletionStatus.UpstreamTimeout : CompletionStatus.UpstreamError;

    /// <summary>
    /// Records the calls the client receives. In a turn that mixes server and client calls the client gets only
    /// its own; the server calls are recorded as not run, since the client's next request will not carry them.
    /// </summary>
    private void RecordClientCalls(ModelTurn turn, int round)
    {
        if (turn.EndsInServerToolCalls)
        {
            return;
        }

        foreach (var call in turn.ToolCalls.Calls)
        {
            record.ToolCalls.Add(new ToolCallRecord(round, call.Id, call.Name, call.Arguments, call.IsServer) { ArgumentsTruncated = call.ArgumentsTruncated });
        }
    }

    /// <summary>Some servers omit call ids; the tool messages need one to answer each call.</summary>
    private static void EnsureCallIds(IReadOnlyList<AccumulatedToolCall> calls, int round)
    {
        foreach (var call in calls)
        {
            call.Id ??= $"call_openchat_{round}_{call.Index}";
        }
    }
}
