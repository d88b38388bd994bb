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

        if (options.MaxStreamBytes < options.MaxUpstreamEventBytes)
        {
            failures.Add($"{Key}:MaxStreamBytes must be at least {Key}:MaxUpstreamEventBytes ({options.MaxUpstreamEventBytes}).");
        }

        if (options.MaxContentBytes < 1024)
        {
            failures.Add($"{Key}:MaxContentBytes must be at least 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
