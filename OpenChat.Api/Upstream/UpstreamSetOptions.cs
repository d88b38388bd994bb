namespace OpenChat.Api.Upstream;

/// <summary>
/// Every configured upstream: the shorthand <c>OpenChat:Upstream</c> (named <c>default</c>, serving <c>*</c> unless
/// it lists models) when that section exists, and each <c>OpenChat:Upstreams:&lt;name&gt;</c>.
/// </summary>
internal sealed class UpstreamSetOptions
{
    public List<ConfiguredUpstream> Upstreams { get; } = [];

    public static void Read(IConfiguration configuration, UpstreamSetOptions set)
    {
        var shorthand = configuration.GetSection(UpstreamOptions.SectionName);
        if (shorthand.Exists())
        {
            var options = shorthand.Get<UpstreamOptions>() ?? new UpstreamOptions();
            if (options.Models.Count == 0)
            {
                options.Models.Add(ServedModels.Any);
            }

            set.Upstreams.Add(new ConfiguredUpstream(UpstreamOptions.ShorthandName, UpstreamOptions.SectionName, options));
        }

        foreach (var section in configuration.GetSection(UpstreamOptions.NamedSectionName).GetChildren())
        {
            set.Upstreams.Add(new ConfiguredUpstream(section.Key, section.Path, section.Get<UpstreamOptions>() ?? new UpstreamOptions()));
        }
    }
}
