using Microsoft.Extensions.Options;

namespace OpenChat.Web.Hosting;

/// <summary>Checks <see cref="WebConsoleOptions"/> at start-up and names the key of every bad value.</summary>
internal sealed class WebConsoleOptionsValidator : IValidateOptions<WebConsoleOptions>
{
    private static readonly TimeSpan s_longestSession = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, WebConsoleOptions options)
    {
        var failures = new List<string>();
        if (!IsHttpAddress(options.ApiBaseUrl))
        {
            failures.Add($"{WebConsoleOptions.SectionName}:ApiBaseUrl must be an absolute http or https address.");
        }

        if (options.DashboardUrl is not null && !IsHttpAddress(options.DashboardUrl))
        {
            failures.Add($"{WebConsoleOptions.SectionName}:DashboardUrl must be an absolute http or https address when set.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > s_longestSession)
        {
            failures.Add($"{WebConsoleOptions.SectionName}:SessionLifetime must be more than zero and at most 30 days.");
        }

        if (options.MaxSessions is < 1 or > 1_000_000)
        {
            failures.Add($"{WebConsoleOptions.SectionName}:MaxSessions must be from 1 to 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpAddress(Uri? address) =>
        address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
}
