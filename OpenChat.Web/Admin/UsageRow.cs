namespace OpenChat.Web.Admin;

/// <summary>One key's use of one model on one UTC day.</summary>
public sealed record UsageRow(DateOnly Day, string? KeyId, string Model, long Requests, long InputTokens, long OutputTokens, decimal CostUsd, long Refusals)
{
    public long Tokens => InputTokens + OutputTokens;
}
