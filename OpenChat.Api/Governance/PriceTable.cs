using Microsoft.Extensions.Options;

namespace OpenChat.Api.Governance;

/// <summary>What a completion costs, from the prices in <c>OpenChat:Governance:Prices</c>.</summary>
internal sealed class PriceTable(IOptions<GovernanceOptions> options)
{
    private readonly Dictionary<string, ModelPrice> _prices = options.Value.Prices;

    /// <summary>The cost in US dollars, or null when neither name of the model has a price.</summary>
    public decimal? CostOf(string? upstreamModel, string? requestedModel, long inputTokens, long outputTokens)
    {
        if ((upstreamModel is null || !_prices.TryGetValue(upstreamModel, out var price))
            && (requestedModel is null || !_prices.TryGetValue(requestedModel, out price)))
        {
            return null;
        }

        return ((inputTokens * price.InputPerMillion) + (outputTokens * price.OutputPerMillion)) / 1_000_000m;
    }

    /// <summary>Dollars as the whole nano-dollars Redis counts in: integers add exactly, and a token costs far more than one.</summary>
    public static long ToNanos(decimal usd) => (long)Math.Round(usd * 1_000_000_000m, MidpointRounding.AwayFromZero);

    public static decimal FromNanos(long nanos) => nanos / 1_000_000_000m;
}
