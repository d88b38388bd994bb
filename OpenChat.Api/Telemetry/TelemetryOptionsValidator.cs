using Microsoft.Extensions.Options;

namespace OpenChat.Api.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        string.IsNullOrWhiteSpace(options.ProviderName)
            ? ValidateOptionsResult.Fail($"{TelemetryOptions.SectionName}:ProviderName must name the provider, such as openai, azure.ai.openai, ollama or vllm.")
            : ValidateOptionsResult.Success;
}
