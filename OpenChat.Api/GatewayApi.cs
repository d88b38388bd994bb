using OpenChat.Api.Auth;
using OpenChat.Api.Governance;
using OpenChat.Api.Relay;
using OpenChat.Api.Transcripts;
using OpenChat.Api.Upstream;

namespace OpenChat.Api;

/// <summary>Everything under <c>/v1</c>, all of it behind a gateway key, and <c>/admin</c>, behind an admin key.</summary>
internal static class GatewayApi
{
    public static RouteGroupBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        v1.MapChatCompletionsApi();
        v1.MapModelsApi();
        if (app.TranscriptsEnabled())
        {
            v1.MapTranscriptsApi();
        }

        var admin = app.MapGroup("/admin").RequireAuthorization(GatewayPolicies.Admin);
        if (app.ManagedKeysEnabled())
        {
            admin.MapAdminKeysApi();
        }

        if (app.GovernanceEnabled())
        {
            v1.MapUsageApi();
            admin.MapAdminUsageApi();
        }

        admin.MapUpstreamsAdminApi();

        return v1;
    }
}
