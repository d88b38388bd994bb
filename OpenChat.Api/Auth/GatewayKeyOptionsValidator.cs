using Microsoft.Extensions.Options;

namespace OpenChat.Api.Auth;

internal sealed class GatewayKeyOptionsValidator : IValidateOptions<GatewayKeyOptions>
{
    /// <summary>Short keys can be guessed; 16 characters is the floor, generated keys are far longer.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, GatewayKeyOptions options)
    {
        var failures = new List<string>();
        if (options.ApiKeys.Count == 0 && options.AdminKeys.Count == 0)
        {
            failures.Add("OpenChat:ApiKeys must list at least one gateway key (OpenChat__ApiKeys__0=...); without one no client could call the gateway.");
        }

        Check(options.ApiKeys, "OpenChat:ApiKeys", failures);
        Check(options.AdminKeys, "OpenChat:AdminKeys", failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> keys, string key, List<string> failures)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(keys[i]) || keys[i].Length < MinimumKeyLength)
            {
                failures.Add($"{key}:{i} must be at least {MinimumKeyLength} characters long.");
            }
        }
    }
}
