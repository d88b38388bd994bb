using Microsoft.Extensions.Options;

namespace OpenChat.Api.Auth;

internal sealed class ManagedKeyOptionsValidator : IValidateOptions<ManagedKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagedKeyOptions options)
    {
        var failures = new List<string>();
        const string Key = ManagedKeyOptions.SectionName;
        if (options.KeyCacheTime < TimeSpan.Zero || options.KeyCacheTime > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Key}:KeyCacheTime must be between 00:00:00 and 00:01:00 (a revocation takes this long to reach every replica).");
        }

        if (options.KeyStaleTime < options.KeyCacheTime)
        {
            failures.Add($"{Key}:KeyStaleTime must be at least {Key}:KeyCacheTime.");
        }

        if (options.MaxCachedKeys is < 1 or > 10_000_000)
        {
            failures.Add($"{Key}:MaxCachedKeys must be between 1 and 10000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
