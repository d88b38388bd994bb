using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// A completion without streaming: each round's JSON is read whole; the last one goes to the client with its
/// status as it came, or, after tool rounds, with the usage summed and the server's calls taken out.
/// </summary>
internal sealed class BufferedCompletion(
    CompletionServices services, HttpContext http, ChatRequest request, CompletionRecord record, ChatRoute route, ServerToolSet serverTools)
    : CompletionRun(services, http, request, record, route, serverTools)
{
    private byte[] _lastBody = [];

    protected override async Task<bool> ExchangeAsync(UpstreamExchange exchange, ModelTurn turn, int round)
    {
        var lifetime = exchange.Lifetime;
        try
        {
            var content = exchange.Response.Content;
            await content.LoadIntoBufferAsync(Services.RelayOptions.MaxUpstreamEventBytes, lifetime.Token);
            var bytes = await content.ReadAsByteArrayAsync(lifetime.Token);
            var facts = ChunkInspector.InspectInFull(bytes, turn);
            if (facts.IsOpaque || facts.IsError)
            {
                return await FailExchangeAsync(ApiError.BadGateway(
                    turn.Error?.Message ?? "The upstream model server answered with something that is not a chat completion.",
                    "upstream_invalid_response"), CompletionStatus.UpstreamError);
            }

            _lastBody = bytes;
            return true;
        }
        catch (OperationCanceledException) when (lifetime.TimedOut)
        {
            return await FailExchangeAsync(ApiError.GatewayTimeout(
                $"The upstream model server did not finish its answer within {exchange.ResponseTimeout.TotalSeconds:0.#} seconds.",
                "upstream_timeout"), CompletionStatus.UpstreamTimeout);
        }
        catch (HttpRequestException) when (!ClientAborted.IsCancellationRequested)
        {
            return await FailExchangeAsync(ApiError.BadGateway(
                "The upstream model server's answer was cut off or larger than the gateway accepts.", "upstream_invalid_response"),
                CompletionStatus.UpstreamError);
        }
        catch (ApiErrorException exception)
        {
            // The upstream said something no model says (more tool calls than any turn makes).
            return await FailExchangeAsync(exception.Error, CompletionStatus.UpstreamError);
        }
    }

    protected override async Task CompleteAsync(ModelTurn turn)
    {
        var rewrite = ChunkRewrite.None;
        if (turn.ToolCalls.ServerCallCount > 0)
        {
            // A turn that mixed server and client calls: the client answers its own calls only.
            rewrite |= ChunkRewrite.ToolCalls;
        }

        if (Record.Rounds > 1)
        {
            rewrite |= ChunkRewrite.Usage;
        }

        byte[] json;
        try
        {
            json = rewrite == ChunkRewrite.None
                ? _lastBody
                : ChunkRewriter.Rewrite(_lastBody, turn.ToolCalls, rewrite, Record.Usage) ?? _lastBody;
        }
        catch (ApiErrorException exception)
        {
            // An answer that cannot be rewritten: passed on as it came, it would show the client the server's calls.
            await FailExchangeAsync(exception.Error, CompletionStatus.UpstreamError);
            return;
        }

        Record.TimeToFirstToken = Services.TimeProvider.GetElapsedTime(Record.StartTimestamp);
        Http.Response.StatusCode = StatusCodes.Status200OK;
        Http.Response.ContentType = "application/json";
        Http.Response.ContentLength = json.Length;
        await Http.Response.Body.WriteAsync(json, ClientAborted);
    }

    protected override Task FailAsync(ApiError error) => Http.Response.WriteApiErrorAsync(error);
}
