namespace OpenChat.AppHost.Web;

internal static class WebConsoleResourceExtensions
{
    /// <summary>
    /// Gives the console the dashboard's address, so trace ids link into its trace view. The dashboard listens where
    /// the AppHost itself is told to (<c>ASPNETCORE_URLS</c>, from its launch profile); without that there is no link.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDashboardLinks(this IResourceBuilder<ProjectResource> web, IDistributedApplicationBuilder builder)
    {
        var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => Uri.TryCreate(url, UriKind.Absolute, out _));
        return dashboard is null ? web : web.WithEnvironment("OpenChat__Web__DashboardUrl", dashboard);
    }
}
