using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Telemetry;

/// <summary>
/// Spans and metrics of upstream calls and tool calls, named as the OpenTelemetry GenAI semantic conventions
/// name them. Contents (prompts, answers, tool arguments and results) go on spans only when
/// <see cref="TelemetryOptions.RecordContent"/> is on.
/// </summary>
internal sealed class GenAiInstrumentation(GenAiMetrics metrics, IOptions<TelemetryOptions> options, TimeProvider timeProvider)
{
    private readonly string _provider = options.Value.ProviderName;
    private readonly bool _recordContent = options.Value.RecordContent;

    public GenAiMetrics Metrics => metrics;

    public Activity? StartChat(string model, Uri server, ReadOnlyMemory<byte> inputMessages)
    {
        var activity = OpenChatTelemetry.ActivitySource.StartActivity($"{GenAiAttributes.ChatOperation} {model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.ChatOperation);
            activity.SetTag(GenAiAttributes.ProviderName, _provider);
            activity.SetTag(GenAiAttributes.RequestModel, model);
            activity.SetTag(GenAiAttributes.ServerAddress, server.Host);
            activity.SetTag(GenAiAttributes.ServerPort, server.Port);
            if (_recordContent)
            {
                activity.SetTag(GenAiAttributes.InputMessages, Encoding.UTF8.GetString(inputMessages.Span));
            }
        }

        return activity;
    }

    /// <summary>Records an upstream call's outcome on its span (the caller disposes it) and in the metrics.</summary>
    public void RecordChat(Activity? activity, in ChatCallOutcome call, ReadOnlySpan<byte> outputContent)
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.ChatOperation },
            { GenAiAttributes.ProviderName, _provider },
            { GenAiAttributes.RequestModel, call.RequestModel },
            { GenAiAttributes.ServerAddress, call.Server.Host },
            { GenAiAttributes.ServerPort, call.Server.Port },
        };
        if (call.ResponseModel is { } responseModel)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
        }

        if (call.ErrorType is { } errorType)
        {
            tags.Add(GenAiAttributes.ErrorType, errorType);
        }

        metrics.OperationDuration.Record(timeProvider.GetElapsedTime(call.StartTimestamp).TotalSeconds, tags);
        if (call.Usage is { } usage)
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
            activity.SetTag(GenAiAttributes.ResponseModel, call.ResponseModel);
            activity.SetTag(GenAiAttributes.ResponseId, call.ResponseId);
            if (call.FinishReason is { } finishReason)
            {
                activity.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { finishReason });
            }

            if (call.Usage is { } spanUsage)
            {
                activity.SetTag(GenAiAttributes.UsageInputTokens, spanUsage.PromptTokens);
                activity.SetTag(GenAiAttributes.UsageOutputTokens, spanUsage.CompletionTokens);
            }

            if (_recordContent)
            {
                activity.SetTag(GenAiAttributes.OutputMessages, Encoding.UTF8.GetString(outputContent));
            }
        }

        if (call.ErrorType is { } spanErrorType)
        {
            activity.SetTag(GenAiAttributes.ErrorType, spanErrorType);
            activity.SetStatus(ActivityStatusCode.Error, call.ErrorMessage);
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
    public void RecordTool(Activity? activity, AccumulatedToolCall call, ToolOutcome result, TimeSpan duration, string content, string? error)
    {
        var outcome = result.ToWireName();
        var tags = new TagList { { GenAiAttributes.ToolName, call.Name }, { GenAiAttributes.ToolOutcome, outcome } };
        metrics.ToolCallDuration.Record(duration.TotalSeconds, tags);
        if (result != ToolOutcome.Ok)
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
            activity.SetTag(GenAiAttributes.ToolCallResult, content);
        }

        if (result != ToolOutcome.Ok)
        {
            activity.SetTag(GenAiAttributes.ErrorType, outcome);
            activity.SetStatus(ActivityStatusCode.Error, error);
        }
    }
}
