using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

internal sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new List<string>();
        const string Key = RoutingOptions.SectionName;

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{Key}:MaxAttempts must be between 1 and 10.");
        }

        if (options.FailureThreshold < 1)
        {
            failures.Add($"{Key}:FailureThreshold must be at least 1.");
        }

        if (options.Cooldown <= TimeSpan.Zero)
        {
            failures.Add($"{Key}:Cooldown must be a positive time span such as 00:00:30.");
        }

        if (options.MaxCooldown < options.Cooldown)
        {
            failures.Add($"{Key}:MaxCooldown must be at least {Key}:Cooldown.");
        }

        if (options.ModelListConcurrency is < 1 or > 64)
        {
            failures.Add($"{Key}:ModelListConcurrency must be between 1 and 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
