using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>Reports every problem in <c>OpenChat:Tools:McpServers</c> at start-up, each with the key to fix.</summary>
internal sealed partial class McpFederationOptionsValidator : IValidateOptions<McpFederationOptions>
{
    /// <summary>The longest prefix, so that <c>&lt;prefix&gt;__</c> leaves most of a function name's 64 characters to the tool.</summary>
    public const int MaxPrefixLength = 24;

    private const int MinResultBytes = 1024;
    private const int MaxResultBytes = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, McpFederationOptions options)
    {
        var problems = new List<string>();
        var prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (server, settings) in options.McpServers.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var key = $"{McpFederationOptions.SectionName}:McpServers:{server}";
            if (settings.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{key}:Url must be an absolute http or https URL, such as http://weather:8080/mcp.");
            }

            var prefix = settings.PrefixFor(server);
            var prefixKey = string.IsNullOrEmpty(settings.Prefix) ? key : $"{key}:Prefix";
            if (!Prefix().IsMatch(prefix))
            {
                problems.Add($"{prefixKey}: '{prefix}' cannot prefix tool names: use letters, digits, '-' and single '_' between them, at most {MaxPrefixLength} characters (set {key}:Prefix to use another).");
            }
            else if (!prefixes.TryAdd(prefix, prefixKey))
            {
                problems.Add($"{prefixes[prefix]} and {prefixKey} both give the prefix '{prefix}': each server needs its own, or their tools' names would clash.");
            }

            if (settings.Timeout <= TimeSpan.Zero)
            {
                problems.Add($"{key}:Timeout must be positive.");
            }

            if (settings.RefreshInterval <= TimeSpan.Zero)
            {
                problems.Add($"{key}:RefreshInterval must be positive.");
            }

            if (settings.ReconnectBaseDelay <= TimeSpan.Zero || settings.MaxReconnectDelay < settings.ReconnectBaseDelay)
            {
                problems.Add($"{key}:ReconnectBaseDelay must be positive and {key}:MaxReconnectDelay at least as long.");
            }

            if (settings.MaxResultBytes is < MinResultBytes or > MaxResultBytes)
            {
                problems.Add($"{key}:MaxResultBytes must be between {MinResultBytes} and {MaxResultBytes}.");
            }

            if (settings.ProtocolVersion is { } version && !ProtocolVersion().IsMatch(version))
            {
                problems.Add($"{key}:ProtocolVersion must be an MCP revision date such as 2025-11-25.");
            }

            foreach (var (header, value) in settings.Headers)
            {
                if (!HeaderName().IsMatch(header) || string.IsNullOrEmpty(value) || value.AsSpan().ContainsAny('\r', '\n'))
                {
                    problems.Add($"{key}:Headers:{header} must be a header name with a value on one line.");
                }
            }

            if (settings.AllowedTools.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{key}:AllowedTools must list tool names, without empty entries.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // No '__' inside and no '_' at either end, so '<prefix>__' starts the names of one server only.
    [GeneratedRegex("^(?=.{1,24}$)[A-Za-z0-9-]+(_[A-Za-z0-9-]+)*$")]
    private static partial Regex Prefix();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex ProtocolVersion();

    // RFC 9110 token characters.
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex HeaderName();
}
