using Microsoft.Extensions.Options;

namespace OpenChat.Tools.Auth;

/// <summary>No key, no service: a Tools service that answered anyone would run tools for any pod that found it.</summary>
internal sealed class ServiceKeyOptionsValidator : IValidateOptions<ServiceKeyOptions>
{
    /// <summary>Short keys can be guessed; generated keys are far longer.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ServiceKeyOptions options) =>
        string.IsNullOrWhiteSpace(options.ServiceKey) || options.ServiceKey.Length < MinimumKeyLength
            ? ValidateOptionsResult.Fail(
                $"{ServiceKeyOptions.SectionName}:ServiceKey must be set to the key the Api sends (OpenChat__Tools__ServiceKey=...), " +
                $"at least {MinimumKeyLength} characters long; without it the Tools service would answer any caller.")
            : ValidateOptionsResult.Success;
}
