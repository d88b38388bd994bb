using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

/// <summary>Checks every upstream, naming the key to fix (<c>OpenChat:Upstreams:azure:BaseUrl</c>).</summary>
internal sealed class UpstreamSetOptionsValidator : IValidateOptions<UpstreamSetOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamSetOptions options)
    {
        var failures = new List<string>();
        if (options.Upstreams.Count == 0)
        {
            failures.Add($"{UpstreamOptions.SectionName}:BaseUrl (or {UpstreamOptions.NamedSectionName}:<name>:BaseUrl for several upstreams) " +
                "must be an absolute http(s) URL of an OpenAI-compatible API, such as https://api.openai.com/v1.");
        }

        foreach (var duplicate in options.Upstreams.GroupBy(upstream => upstream.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            failures.Add($"{UpstreamOptions.NamedSectionName}:{duplicate.Key} repeats the name {UpstreamOptions.SectionName} already has; give it another name.");
        }

        foreach (var upstream in options.Upstreams)
        {
            ValidateUpstream(upstream.Key, upstream.Options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateUpstream(string key, UpstreamOptions options, List<string> failures)
    {
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key}:BaseUrl must be an absolute http(s) URL of an OpenAI-compatible API, such as https://api.openai.com/v1.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader))
        {
            failures.Add($"{key}:ApiKeyHeader must name a header (Authorization or api-key).");
        }

        ValidateModels(key, options.Models, failures);
        if (!double.IsFinite(options.Weight) || options.Weight <= 0)
        {
            failures.Add($"{key}:Weight must be a number above 0.");
        }

        if (options.MaxConcurrentRequests is < 1)
        {
            failures.Add($"{key}:MaxConcurrentRequests must be at least 1 when set.");
        }

        Positive(options.HeadersTimeout, $"{key}:HeadersTimeout", failures);
        Positive(options.ResponseTimeout, $"{key}:ResponseTimeout", failures);
        Positive(options.IdleTimeout, $"{key}:IdleTimeout", failures);
        Positive(options.ConnectTimeout, $"{key}:ConnectTimeout", failures);
        Positive(options.RetryBaseDelay, $"{key}:RetryBaseDelay", failures);
        Positive(options.MaxRetryDelay, $"{key}:MaxRetryDelay", failures);

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{key}:MaxRetries must be between 0 and 10.");
        }
    }

    private static void ValidateModels(string key, List<string> models, List<string> failures)
    {
        if (models.Count == 0)
        {
            failures.Add($"{key}:Models must list the models it serves: names, * for any, or client-name=deployment-name.");
            return;
        }

        var clientNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            if (ServedModels.Problem(models[i]) is { } problem)
            {
                failures.Add($"{key}:Models:{i} {problem}.");
            }
            else if (models[i].Trim() != ServedModels.Any && !clientNames.Add(ServedModels.ClientName(models[i])))
            {
                failures.Add($"{key}:Models:{i} lists {ServedModels.ClientName(models[i])} a second time.");
            }
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive time span such as 00:00:30.");
        }
    }
}
