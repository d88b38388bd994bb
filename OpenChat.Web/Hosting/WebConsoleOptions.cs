namespace OpenChat.Web.Hosting;

/// <summary>The console's settings, bound from <c>OpenChat:Web</c>.</summary>
internal sealed class WebConsoleOptions
{
    public const string SectionName = "OpenChat:Web";

    /// <summary>
    /// The Api's address (<c>OpenChat:Web:ApiBaseUrl</c>). The default is resolved by service discovery from
    /// <c>services:api:http:0</c>, which the AppHost sets; alone, set either key.
    /// </summary>
    public Uri ApiBaseUrl { get; set; } = new("http://api");

    /// <summary>The Aspire dashboard (<c>OpenChat:Web:DashboardUrl</c>); when set, trace ids link into it.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>How long a sign-in lasts (<c>OpenChat:Web:SessionLifetime</c>).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sessions held at once (<c>OpenChat:Web:MaxSessions</c>); past it the oldest is signed out.</summary>
    public int MaxSessions { get; set; } = 10_000;
}
