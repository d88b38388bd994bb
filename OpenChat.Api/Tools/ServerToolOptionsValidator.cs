using Microsoft.Extensions.Options;

namespace OpenChat.Api.Tools;

internal sealed class ServerToolOptionsValidator : IValidateOptions<ServerToolOptions>
{
    /// <summary>The Tools service's own floor for its key.</summary>
    public const int MinimumServiceKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ServerToolOptions options)
    {
        var failures = new List<string>();
        const string Key = ServerToolOptions.SectionName;

        if (!options.BaseUrl.IsAbsoluteUri)
        {
            failures.Add($"{Key}:BaseUrl must be an absolute URL such as http://tools.");
        }

        if (options.Mode == ServerToolMode.All && (string.IsNullOrWhiteSpace(options.ServiceKey) || options.ServiceKey.Length < MinimumServiceKeyLength))
        {
            failures.Add($"{Key}:ServiceKey must be set to the Tools service's key (at least {MinimumServiceKeyLength} characters) " +
                $"while {Key}:Mode is All; the Tools service refuses calls without it. Set {Key}:Mode to None to run without server tools.");
        }

        if (options.MaxRounds is < 1 or > 50)
        {
            failures.Add($"{Key}:MaxRounds must be between 1 and 50.");
        }

        if (options.MaxCallsPerTurn is < 1 or > 128)
        {
            failures.Add($"{Key}:MaxCallsPerTurn must be between 1 and 128.");
        }

        if (options.MaxParallelCalls < 1 || options.MaxParallelCalls > options.MaxCallsPerTurn)
        {
            failures.Add($"{Key}:MaxParallelCalls must be between 1 and {Key}:MaxCallsPerTurn ({options.MaxCallsPerTurn}).");
        }

        if (options.MaxArgumentBytes < 1024)
        {
            failures.Add($"{Key}:MaxArgumentBytes must be at least 1024.");
        }

        if (options.MaxResultBytes < 1024)
        {
            failures.Add($"{Key}:MaxResultBytes must be at least 1024.");
        }

        if (options.InvokeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Key}:InvokeTimeout must be a positive time span such as 00:00:30.");
        }

        if (options.CatalogRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Key}:CatalogRefreshInterval must be at least one second.");
        }

        if (options.InitialCatalogWait < TimeSpan.Zero)
        {
            failures.Add($"{Key}:InitialCatalogWait must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
