using OpenChat.Api.Auth;
using OpenChat.Api.Relay;
using OpenChat.Api.Transcripts;

namespace OpenChat.Api;

/// <summary>Everything under <c>/v1</c>, all of it behind the gateway key.</summary>
public static class GatewayApi
{
    public static RouteGroupBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<GatewayKeyFilter>();
        v1.MapChatCompletionsApi();
        if (app.TranscriptsEnabled())
        {
            v1.MapTranscriptsApi();
        }

        return v1;
    }
}
