namespace OpenChat.Api.Auth;

public static class HttpContextCallerExtensions
{
    /// <summary>The authenticated caller; endpoints behind <see cref="GatewayKeyFilter"/> always have one.</summary>
    public static GatewayCaller GetCaller(this HttpContext context) =>
        context.Features.Get<GatewayCaller>()
        ?? throw new InvalidOperationException("The endpoint is not behind the gateway key filter.");
}
