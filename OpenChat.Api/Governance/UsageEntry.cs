namespace OpenChat.Api.Governance;

/// <summary>One completion's usage, waiting to be stored.</summary>
internal sealed record UsageEntry(
    string CompletionId,
    string KeyId,
    DateTimeOffset At,
    string Model,
    long InputTokens,
    long OutputTokens,
    long CostNanos,
    long WindowResetAt,
    long WindowTokenCorrection);
