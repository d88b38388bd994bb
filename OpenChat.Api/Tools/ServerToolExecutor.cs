using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Tools;

/// <summary>
/// Runs the server tool calls of one model turn on OpenChat.Tools, all at once, each under its own timeout.
/// Every call gets a result, failed ones a message the model can act on; only the client's cancellation
/// stops the lot.
/// </summary>
internal sealed class ServerToolExecutor(
    ToolsServiceClient client,
    GenAiInstrumentation instrumentation,
    IOptions<ServerToolOptions> options,
    ILogger<ServerToolExecutor> logger)
{
    public async Task<ToolResult[]> ExecuteAsync(IReadOnlyList<AccumulatedToolCall> calls, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(calls.Select(call => InvokeAsync(call, cancellationToken)));

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

    private async Task<ToolResult> InvokeAsync(AccumulatedToolCall call, CancellationToken cancellationToken)
    {
        // Started inside each call's own task, so each HTTP span nests under its own tool span.
        using var activity = instrumentation.StartTool(call);
        var result = await client.InvokeAsync(call.Name!, call.Arguments, options.Value.InvokeTimeout, cancellationToken);
        instrumentation.RecordTool(activity, call, result.Outcome, result.Duration, result.Content, result.Error);
        return result;
    }
}
