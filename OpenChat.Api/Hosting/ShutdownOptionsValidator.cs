using Microsoft.Extensions.Options;

namespace OpenChat.Api.Hosting;

internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.ShutdownTimeout < TimeSpan.FromSeconds(1) || options.ShutdownTimeout > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail($"{ShutdownOptions.SectionName}:ShutdownTimeout must be between 00:00:01 and 01:00:00.")
            : ValidateOptionsResult.Success;
}
