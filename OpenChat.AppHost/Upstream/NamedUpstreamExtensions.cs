using Microsoft.Extensions.Configuration;

namespace OpenChat.AppHost.Upstream;

internal static class NamedUpstreamExtensions
{
    public const string SectionName = "OpenChat:Upstreams";

    /// <summary>
    /// Passes each upstream of the AppHost's <c>OpenChat:Upstreams:&lt;name&gt;</c> configuration to the Api as its
    /// environment, key by key; the provider key travels as a secret parameter (<c>upstream-&lt;name&gt;-api-key</c>,
    /// read from <c>OpenChat:Upstreams:&lt;name&gt;:ApiKey</c>), never as plain configuration.
    /// </summary>
    /// <returns>Whether any upstream was configured.</returns>
    public static bool TryAddNamedUpstreams(this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        var upstreams = builder.Configuration.GetSection(SectionName).GetChildren().ToList();
        foreach (var upstream in upstreams)
        {
            var prefix = $"OpenChat__Upstreams__{upstream.Key}__";
            foreach (var (key, value) in upstream.AsEnumerable(makePathsRelative: true))
            {
                if (value is not null && key != "ApiKey")
                {
                    api.WithEnvironment(prefix + key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }

            if (!string.IsNullOrEmpty(upstream["ApiKey"]))
            {
                var apiKey = builder.AddParameterFromConfiguration(ParameterNameOf(upstream.Key), $"{SectionName}:{upstream.Key}:ApiKey", secret: true);
                api.WithEnvironment(prefix + "ApiKey", apiKey);
            }
        }

        return upstreams.Count > 0;
    }

    /// <summary>A resource name from an upstream's: lower-case letters, digits and single hyphens.</summary>
    private static string ParameterNameOf(string upstream)
    {
        var letters = upstream.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-');
        var name = string.Join('-', new string([.. letters]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return $"upstream-{name}-api-key";
    }
}
