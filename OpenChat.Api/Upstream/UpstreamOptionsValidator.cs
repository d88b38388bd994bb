using Microsoft.Extensions.Options;

namespace OpenChat.Api.Upstream;

internal sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var failures = new List<string>();
        const string Key = UpstreamOptions.SectionName;

        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Key}:BaseUrl must be an absolute http(s) URL of an OpenAI-compatible API, such as https://api.openai.com/v1.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader))
        {
            failures.Add($"{Key}:ApiKeyHeader must name a header (Authorization or api-key).");
        }

        Positive(options.HeadersTimeout, $"{Key}:HeadersTimeout", failures);
        Positive(options.ResponseTimeout, $"{Key}:ResponseTimeout", failures);
        Positive(options.IdleTimeout, $"{Key}:IdleTimeout", failures);
        Positive(options.ConnectTimeout, $"{Key}:ConnectTimeout", failures);
        Positive(options.RetryBaseDelay, $"{Key}:RetryBaseDelay", failures);
        Positive(options.MaxRetryDelay, $"{Key}:MaxRetryDelay", failures);

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Key}:MaxRetries must be between 0 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive time span such as 00:00:30.");
        }
    }
}
