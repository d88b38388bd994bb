using OpenChat.Web.Hosting;

namespace OpenChat.Web.Tests.Units;

public sealed class WebConsoleOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new WebConsoleOptionsValidator().Validate(null, new WebConsoleOptions()).Succeeded);

    [Fact]
    public void Every_bad_value_is_reported_with_its_configuration_key()
    {
        var result = new WebConsoleOptionsValidator().Validate(null, new WebConsoleOptions
        {
            ApiBaseUrl = new Uri("/relative", UriKind.Relative),
            DashboardUrl = new Uri("ftp://dashboard"),
            SessionLifetime = TimeSpan.Zero,
            MaxSessions = 0,
        });

        Assert.Equal(
            ["OpenChat:Web:ApiBaseUrl", "OpenChat:Web:DashboardUrl", "OpenChat:Web:SessionLifetime", "OpenChat:Web:MaxSessions"],
            result.Failures!.Select(failure => failure.Split(' ')[0]));
    }
}
