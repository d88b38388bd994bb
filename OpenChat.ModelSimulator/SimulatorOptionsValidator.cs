using Microsoft.Extensions.Options;
using OpenChat.ModelSimulator.Profiles;

namespace OpenChat.ModelSimulator;

internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = new List<string>();
        if (options.Models.Count == 0 || options.Models.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Simulator:Models must list at least one model name, and no empty ones.");
        }

        if (options.TimeToFirstToken < TimeSpan.Zero)
        {
            failures.Add("Simulator:TimeToFirstToken must not be negative.");
        }

        if (options.InterTokenDelay < TimeSpan.Zero)
        {
            failures.Add("Simulator:InterTokenDelay must not be negative.");
        }

        if (ProviderProfiles.Find(options.Profile) is null)
        {
            failures.Add($"Simulator:Profile must be one of {string.Join(", ", ProviderProfiles.Names)}; \"{options.Profile}\" is not.");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Simulator:Name must not be empty.");
        }

        if (options.JournalCapacity < 1)
        {
            failures.Add("Simulator:JournalCapacity must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
