using OpenChat.Api.Completions;

namespace OpenChat.Api.Telemetry;

/// <summary>What one upstream chat call came to, as its span and metrics record it.</summary>
internal readonly record struct ChatCallOutcome(
    string RequestModel,
    Uri Server,
    long StartTimestamp,
    string? ResponseModel,
    string? ResponseId,
    string? FinishReason,
    TokenUsage? Usage,
    string? ErrorType,
    string? ErrorMessage);
