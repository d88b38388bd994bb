using System.Text;
using Microsoft.Extensions.Configuration;

namespace OpenChat.AppHost.Tools;

internal static class ExternalMcpServerResourceExtensions
{
    public const string SectionName = "OpenChat:Tools:McpServers";

    /// <summary>
    /// Hands the external MCP servers of the AppHost's own configuration (<c>OpenChat:Tools:McpServers</c>, for
    /// example from user secrets) to the Tools service as environment variables. Header values, which carry tokens,
    /// go as secret parameters, so the dashboard and a published manifest do not show them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithExternalMcpServers(
        this IResourceBuilder<ProjectResource> tools, IDistributedApplicationBuilder builder)
    {
        foreach (var (key, value) in builder.Configuration.GetSection(SectionName).AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            var environmentName = $"OpenChat__Tools__McpServers__{key.Replace(":", "__", StringComparison.Ordinal)}";
            if (key.Split(':') is [var server, "Headers", var header])
            {
                var parameter = builder.AddParameterFromConfiguration(ParameterName(server, header), $"{SectionName}:{key}", secret: true);
                tools.WithEnvironment(environmentName, parameter);
            }
            else
            {
                tools.WithEnvironment(environmentName, value);
            }
        }

        return tools;
    }

    /// <summary><c>mcp-weather-authorization</c>: parameter names take letters, digits and dashes.</summary>
    private static string ParameterName(string server, string header)
    {
        var name = new StringBuilder("mcp-");
        foreach (var character in $"{server}-{header}".ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(character) ? character : '-');
        }

        return name.ToString();
    }
}
