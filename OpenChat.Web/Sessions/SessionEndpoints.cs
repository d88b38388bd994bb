using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace OpenChat.Web.Sessions;

/// <summary><c>POST /signout</c>: forgets the session's key, drops the cookie and returns to the sign-in page.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SessionAuthentication.SignOutPath, SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .WithName("SignOut");
        return app;
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult> SignOutAsync(HttpContext context, SessionKeys keys)
    {
        keys.Close(SessionClaims.SessionIdOf(context.User));
        await context.SignOutAsync(SessionAuthentication.Scheme);
        return TypedResults.Redirect(SessionAuthentication.SignInPath);
    }
}
