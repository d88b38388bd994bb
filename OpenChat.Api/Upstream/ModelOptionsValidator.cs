using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

/// <remarks>
/// The upstreams are read from configuration here rather than through their options, whose own validation would
/// otherwise report their problems a second time.
/// </remarks>
internal sealed class ModelOptionsValidator(IConfiguration configuration) : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var failures = new List<string>();
        const string Key = ModelOptions.SectionName;

        // With unlisted models refused, only aliases and the names upstreams list are served: there must be one.
        if (!options.AllowUnlistedModels && options.ModelAliases.Count == 0 && !UpstreamsListModels())
        {
            failures.Add($"{Key}:ModelAliases must list at least one alias, or an upstream must list its models by name " +
                $"({UpstreamOptions.NamedSectionName}:<name>:Models), when {Key}:AllowUnlistedModels is false.");
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

    private bool UpstreamsListModels()
    {
        var upstreams = new UpstreamSetOptions();
        UpstreamSetOptions.Read(configuration, upstreams);
        return upstreams.Upstreams.Any(upstream =>
            upstream.Options.Models.Any(model => ServedModels.Problem(model) is null && model.Trim() != ServedModels.Any));
    }
}
