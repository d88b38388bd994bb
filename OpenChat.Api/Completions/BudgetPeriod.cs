namespace OpenChat.Api.Completions;

/// <summary>The period a budget renews after: a UTC day or a UTC calendar month.</summary>
internal enum BudgetPeriod
{
    Day,
    Month,
}
