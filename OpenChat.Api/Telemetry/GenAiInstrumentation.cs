using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Telemetry;

/// <summary>
/// Spans and metrics of upstream calls and tool calls, named as the OpenTelemetry GenAI semantic conventions
/// name them. Contents (prompts, answers, tool arguments and results) go on spans only when
/// <see cref="TelemetryOptions.RecordContent"/> is on.
/// </summary>
public sealed class GenAiInstrumentation(
    GenAiMetrics metrics,
    IOptions<TelemetryOptions> options,
    IOptions<UpstreamOptions> upstream,
    TimeProvider timeProvider)
{
    private readonly string _provider = options.Value.ProviderName;
    private readonly bool _recordContent = options.Value.RecordContent;
    private readonly string _serverAddress = upstream.Value.BaseUrl?.Host ?? "";
    private readonly int _serverPort = upstream.Value.BaseUrl?.Port ?? 0;

    public GenAiMetrics Metrics => metrics;

    public Activity? StartChat(string model, ReadOnlyMemory<byte> inputMessages)
    {
        var activity = OpenChatTelemetry.ActivitySource.StartActivity($"{GenAiAttributes.ChatOperation} {model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.ChatOperation);
            activity.SetTag(GenAiAttributes.ProviderName, _provider);
            activity.SetTag(GenAiAttributes.RequestModel, model);
            activity.SetTag(GenAiAttributes.ServerAddress, _serverAddress);
            activity.SetTag(GenAiAttributes.ServerPort, _serverPort);
            if (_recordContent)
            {
                activity.SetTag(GenAiAttributes.InputMessages, Encoding.UTF8.GetString(inputMessages.Span));
            }
        }

        return activity;
    }

    /// <summary>Records an upstream call's outcome on its span (the caller disposes it) and in the metrics.</summary>
    public void RecordChat(Activity? activity, string model, ModelTurn turn, ReadOnlySpan<byte> outputContent, long startTimestamp, string? errorType)
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.ChatOperation },
            { GenAiAttributes.ProviderName, _provider },
            { GenAiAttributes.RequestModel, model },
            { GenAiAttributes.ServerAddress, _serverAddress },
            { GenAiAttributes.ServerPort, _serverPort },
        };
        if (turn.ResponseModel is { } responseModel)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
        }

        if (errorType is not null)
        {
            tags.Add(GenAiAttributes.ErrorType, errorType);
        }

        metrics.OperationDuration.Record(timeProvider.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        if (turn.Usage is { } usage)
        {
            var input = tags;
            input.Add(GenAiAttributes.TokenType, "input");
            metrics.TokenUsage.Record(usage.PromptTokens, input);
            var output = tags;
            output.Add(GenAiAttributes.TokenType, "output");
            metrics.TokenUsage.Record(usage.CompletionTokens, output);
        }

        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(GenAiAttributes.ResponseModel, turn.ResponseModel);
            activity.SetTag(GenAiAttributes.ResponseId, turn.ResponseId);
            if (turn.FinishReason is { } finishReason)
            {
                activity.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { finishReason });
            }

            if (turn.Usage is { } spanUsage)
            {
                activity.SetTag(GenAiAttributes.UsageInputTokens, spanUsage.PromptTokens);
                activity.SetTag(GenAiAttributes.UsageOutputTokens, spanUsage.CompletionTokens);
            }

            if (_recordContent)
            {
                activity.SetTag(GenAiAttributes.OutputMessages, Encoding.UTF8.GetString(outputContent));
            }
        }

        if (errorType is not null)
        {
            activity.SetTag(GenAiAttributes.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, turn.Error?.Message);
        }
    }

    public Activity? StartTool(AccumulatedToolCall call)
    {
        var activity = OpenChatTelemetry.ActivitySource.StartActivity($"{GenAiAttributes.ExecuteToolOperation} {call.Name}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.ExecuteToolOperation);
            activity.SetTag(GenAiAttributes.ToolName, call.Name);
            activity.SetTag(GenAiAttributes.ToolCallId, call.Id);
            activity.SetTag(GenAiAttributes.ToolType, "function");
            if (_recordContent)
            {
                activity.SetTag(GenAiAttributes.ToolCallArguments, call.Arguments);
            }
        }

        return activity;
    }

    /// <summary>Records a tool call's outcome on its span (the caller disposes it) and in the metrics.</summary>
    public void RecordTool(Activity? activity, AccumulatedToolCall call, ToolResult result)
    {
        var outcome = result.Outcome.ToWireName();
        var tags = new TagList { { GenAiAttributes.ToolName, call.Name }, { GenAiAttributes.ToolOutcome, outcome } };
        metrics.ToolCallDuration.Record(result.Duration.TotalSeconds, tags);
        if (result.Outcome != ToolOutcome.Ok)
        {
            metrics.ToolCallErrors.Add(1, tags);
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag(GenAiAttributes.ToolOutcome, outcome);
        if (_recordContent)
        {
            activity.SetTag(GenAiAttributes.ToolCallResult, result.Content);
        }

        if (result.Outcome != ToolOutcome.Ok)
        {
            activity.SetTag(GenAiAttributes.ErrorType, outcome);
            activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
    }
}
