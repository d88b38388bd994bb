using Microsoft.Extensions.Options;

namespace OpenChat.Api.Relay;

internal sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var failures = new List<string>();
        const string Key = RelayOptions.SectionName;

        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add($"{Key}:MaxRequestBodyBytes must be at least 1024.");
        }

        if (options.MaxUpstreamEventBytes < 64 * 1024)
        {
            failures.Add($"{Key}:MaxUpstreamEventBytes must be at least 65536.");
        }

        if (!options.AllowUnlistedModels && options.ModelAliases.Count == 0)
        {
            failures.Add($"{Key}:ModelAliases must list at least one alias when {Key}:AllowUnlistedModels is false.");
        }

        foreach (var (alias, target) in options.ModelAliases)
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                failures.Add($"{Key}:ModelAliases:{alias} must name an upstream model.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
