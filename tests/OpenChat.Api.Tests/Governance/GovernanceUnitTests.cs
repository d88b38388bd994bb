using Microsoft.Extensions.Options;
using OpenChat.Api.Auth;
using OpenChat.Api.Governance;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Governance;

public sealed class GovernanceUnitTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(20, "20ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(360_250, "6m0.25s")]
    public void Reset_durations_take_openais_form(long milliseconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.Duration(milliseconds));

    [Fact]
    public void The_prompt_estimate_counts_real_tokens_and_stops_past_the_limit()
    {
        using var small = ParsedRequests.Parse("""{"model":"m","messages":[{"role":"user","content":"Hello, world!"}]}""");
        using var parts = ParsedRequests.Parse("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"Hello, world!"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""");
        using var huge = ParsedRequests.Parse($$"""{"model":"m","messages":[{"role":"user","content":"{{string.Concat(Enumerable.Repeat("many words here ", 100_000))}}"}]}""");

        // "Hello, world!" is 4 tokens in o200k and "user" 1; 3 per message and 3 for the reply.
        Assert.Equal(3 + 3 + 1 + 4, PromptTokenEstimator.Estimate(small, long.MaxValue));
        Assert.Equal(3 + 3 + 1 + 4 + 85, PromptTokenEstimator.Estimate(parts, long.MaxValue));
        Assert.InRange(PromptTokenEstimator.Estimate(huge, 1000), 1001, 1010);
    }

    [Fact]
    public void Usage_is_summed_per_key_model_day_and_window_before_it_is_stored()
    {
        var morning = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        UsageEntry Entry(string key, string model, DateTimeOffset at, long window, long input) =>
            new($"chatcmpl-{input}", key, at, model, input, OutputTokens: 2 * input, CostNanos: 10 * input, window, WindowTokenCorrection: input - 1);

        var totals = UsageTotal.Of(
        [
            Entry("team-a", "gpt-4o", morning, window: 1, input: 1),
            Entry("team-a", "gpt-4o", morning.AddHours(1), window: 1, input: 2),
            Entry("team-a", "gpt-4o-mini", morning, window: 1, input: 4),
            Entry("team-b", "gpt-4o", morning, window: 1, input: 8),
            Entry("team-a", "gpt-4o", morning.AddDays(1), window: 1, input: 16),
            Entry("team-a", "gpt-4o", morning, window: 2, input: 32),
        ]);

        Assert.Equal(5, totals.Count);
        var summed = Assert.Single(totals, total => total is { KeyId: "team-a", Model: "gpt-4o", WindowResetAt: 1 } && total.At.Day == 30);
        Assert.Equal((2, 3, 6, 30, 1), (summed.Requests, summed.InputTokens, summed.OutputTokens, summed.CostNanos, summed.WindowTokenCorrection));
        Assert.Equal(6, totals.Sum(total => total.Requests));
        Assert.Equal(63, totals.Sum(total => total.InputTokens));
    }

    [Fact]
    public void Start_up_validation_names_the_keys_to_fix()
    {
        var governance = new GovernanceOptionsValidator().Validate(null, new GovernanceOptions
        {
            DefaultRequestsPerMinute = 0,
            StreamLeaseTime = TimeSpan.Zero,
            SpareStreamSlots = GovernanceOptions.MaxSpareStreamSlots + 1,
            UsageBatchLinger = TimeSpan.FromSeconds(2),
            Prices = { ["gpt-4o"] = new ModelPrice { InputPerMillion = -1 } },
        });
        var keys = new ManagedKeyOptionsValidator().Validate(null, new ManagedKeyOptions { KeyCacheTime = TimeSpan.FromMinutes(2) });

        Assert.Contains("OpenChat:Governance:DefaultRequestsPerMinute", governance.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Governance:StreamLeaseTime", governance.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Governance:SpareStreamSlots", governance.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Governance:UsageBatchLinger", governance.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Governance:Prices:gpt-4o", governance.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Governance:KeyCacheTime", keys.FailureMessage, StringComparison.Ordinal);
        Assert.True(new GovernanceOptionsValidator().Validate(null, new GovernanceOptions()).Succeeded);
        Assert.True(new ManagedKeyOptionsValidator().Validate(null, Options.Create(new ManagedKeyOptions()).Value).Succeeded);
    }

    [Fact]
    public void Prices_turn_tokens_into_dollars_by_the_upstream_name_first()
    {
        var prices = new PriceTable(Options.Create(new GovernanceOptions
        {
            Prices =
            {
                ["gpt-4o-mini"] = new ModelPrice { InputPerMillion = 0.15m, OutputPerMillion = 0.6m },
                ["fast"] = new ModelPrice { InputPerMillion = 100m, OutputPerMillion = 100m },
            },
        }));

        Assert.Equal(0.00075m, prices.CostOf("gpt-4o-mini", "fast", 1000, 1000));
        Assert.Equal(0.2m, prices.CostOf("unpriced", "fast", 1000, 1000));
        Assert.Null(prices.CostOf("unpriced", null, 1000, 1000));
        Assert.Equal(150, PriceTable.ToNanos(prices.CostOf("gpt-4o-mini", null, 1, 0)!.Value));
    }
}
