using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Tools;

/// <summary>
/// Runs the server tool calls of one model turn on OpenChat.Tools, at most <c>MaxParallelCalls</c> at a time,
/// each under its own timeout. Every call gets a result, failed ones a message the model can act on: calls past
/// <c>MaxCallsPerTurn</c> and calls whose arguments were longer than the gateway keeps are answered without being
/// run. Only the client's cancellation stops the lot.
/// </summary>
internal sealed class ServerToolExecutor(
    ToolsServiceClient client,
    GenAiInstrumentation instrumentation,
    IOptions<ServerToolOptions> options,
    ILogger<ServerToolExecutor> logger)
{
    public async Task<ToolResult[]> ExecuteAsync(IReadOnlyList<AccumulatedToolCall> calls, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var results = new ToolResult[calls.Count];
        using var slots = new SemaphoreSlim(limits.MaxParallelCalls);
        await Task.WhenAll(calls.Select(async (call, i) => results[i] = await RunAsync(call, i, slots, cancellationToken)));

        for (var i = 0; i < calls.Count; i++)
        {
            ToolLog.ToolCallEnded(logger, calls[i].Name!, calls[i].Id, results[i].Outcome, results[i].Duration.TotalMilliseconds);
            if (logger.IsEnabled(LogLevel.Trace))
            {
                ToolLog.ToolCallContent(logger, calls[i].Name!, calls[i].Id, calls[i].Arguments, results[i].Content);
            }
        }

        return results;
    }

    private async Task<ToolResult> RunAsync(AccumulatedToolCall call, int position, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        // Started inside each call's own task, so each HTTP span nests under its own tool span.
        using var activity = instrumentation.StartTool(call);
        ToolResult result;
        if (position >= limits.MaxCallsPerTurn)
        {
            instrumentation.Metrics.LimitExceeded(Limits.ToolCallsPerTurn);
            result = ToolResult.Failed(ToolOutcome.LimitExceeded,
                $"Not run: the gateway runs at most {limits.MaxCallsPerTurn} tool calls in one turn. Make fewer calls at a time.", TimeSpan.Zero);
        }
        else if (call.ArgumentsTruncated)
        {
            instrumentation.Metrics.LimitExceeded(Limits.ToolArgumentBytes);
            result = ToolResult.Failed(ToolOutcome.LimitExceeded,
                $"Not run: the arguments are longer than the gateway accepts ({limits.MaxArgumentBytes} bytes).", TimeSpan.Zero);
        }
        else
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                result = await client.InvokeAsync(call.Name!, call.Arguments, limits.InvokeTimeout, limits.MaxResultBytes, cancellationToken);
            }
            finally
            {
                slots.Release();
            }

            if (result.Outcome == ToolOutcome.LimitExceeded)
            {
                instrumentation.Metrics.LimitExceeded(Limits.ToolResultBytes);
            }
        }

        instrumentation.RecordTool(activity, call, result.Outcome, result.Duration, result.Content, result.Error);
        return result;
    }
}
