using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenChat.Web.Hosting;

namespace OpenChat.Web.Sessions;

/// <summary>
/// Cookie sessions: the cookie holds the principal of <see cref="SessionClaims"/> (a session id, a key id, a role),
/// encrypted by data protection; the key itself stays in <see cref="SessionKeys"/>. A cookie whose session this
/// process no longer holds (signed out, expired, restarted) is rejected.
/// </summary>
internal static class SessionAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    public const string AccessDeniedPath = "/denied";

    public static IHostApplicationBuilder AddConsoleSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionKeys>();
        builder.Services.AddSingleton<KeyCheck>();
        builder.Services.AddScoped<SessionKey>();

        builder.Services.AddAuthentication(Scheme).AddCookie(Scheme);
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<WebConsoleOptions>>((cookie, console) =>
            {
                cookie.Cookie.Name = "openchat.console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = console.Value.SessionLifetime;
                cookie.SlidingExpiration = false;
                cookie.LoginPath = SignInPath;
                cookie.AccessDeniedPath = AccessDeniedPath;
                cookie.Events.OnValidatePrincipal = RejectUnknownSessionsAsync;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static async Task RejectUnknownSessionsAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<SessionKeys>();
        if (context.Principal is null || !keys.TryGetKey(SessionClaims.SessionIdOf(context.Principal), out _))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
