namespace OpenChat.Api.Completions;

/// <summary>Token counts as the upstream reported them in <c>usage</c>.</summary>
internal readonly record struct TokenUsage(long PromptTokens, long CompletionTokens, long TotalTokens)
{
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) =>
        new(left.PromptTokens + right.PromptTokens, left.CompletionTokens + right.CompletionTokens, left.TotalTokens + right.TotalTokens);
}
