using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Governance;

internal sealed class GovernanceOptionsValidator : IValidateOptions<GovernanceOptions>
{
    public ValidateOptionsResult Validate(string? name, GovernanceOptions options)
    {
        var failures = new List<string>();
        const string Key = GovernanceOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add($"{Key}:KeyPrefix must not be empty.");
        }

        if (options.DefaultRequestsPerMinute is < 1)
        {
            failures.Add($"{Key}:DefaultRequestsPerMinute must be at least 1, or unset for no limit.");
        }

        if (options.DefaultTokensPerMinute is < 1)
        {
            failures.Add($"{Key}:DefaultTokensPerMinute must be at least 1, or unset for no limit.");
        }

        if (options.DefaultMaxConcurrentStreams is < 1)
        {
            failures.Add($"{Key}:DefaultMaxConcurrentStreams must be at least 1.");
        }

        if (options.SpareStreamSlots is < 0 or > GovernanceOptions.MaxSpareStreamSlots)
        {
            failures.Add($"{Key}:SpareStreamSlots must be between 0 and {GovernanceOptions.MaxSpareStreamSlots}.");
        }

        if (options.StreamLeaseTime < TimeSpan.FromSeconds(1) || options.StreamLeaseTime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Key}:StreamLeaseTime must be between 00:00:01 and 01:00:00.");
        }

        if (options.RedisTimeout < TimeSpan.FromMilliseconds(10) || options.RedisTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{Key}:RedisTimeout must be between 00:00:00.010 and 00:00:30.");
        }

        if (options.UsageRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"{Key}:UsageRetention must be at least one day, such as 400.00:00:00.");
        }

        if (options.MaxUsageDays is < 1 or > 1000)
        {
            failures.Add($"{Key}:MaxUsageDays must be between 1 and 1000.");
        }

        if (options.UsageQueueCapacity < 1)
        {
            failures.Add($"{Key}:UsageQueueCapacity must be at least 1.");
        }

        if (!BatchReader.IsValidLinger(options.UsageBatchLinger))
        {
            failures.Add($"{Key}:UsageBatchLinger must be between 00:00:00 and {BatchReader.MaxLinger:c}.");
        }

        foreach (var (model, price) in options.Prices)
        {
            if (price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.InputPerMillion > 1_000_000 || price.OutputPerMillion > 1_000_000)
            {
                failures.Add($"{Key}:Prices:{model}:InputPerMillion and OutputPerMillion must be between 0 and 1000000 US dollars.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
