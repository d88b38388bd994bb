namespace OpenChat.Api.Completions;

/// <summary>What a key may spend per period, in tokens, in US dollars, or both; null is no cap.</summary>
internal sealed record CallerBudget(long? Tokens, decimal? Usd, BudgetPeriod Period);
