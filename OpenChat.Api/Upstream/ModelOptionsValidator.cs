using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = new List<string>();
        const string Key = ModelOptions.SectionName;

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
