using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Turns the model a client names into where its request may go: an alias (<c>OpenChat:Relay:ModelAliases</c>)
/// maps a client's name to a model name, then the upstreams that serve that name map it to their own deployment
/// names. A model no upstream serves is a 404 <c>model_not_found</c>, as OpenAI answers it.
/// </summary>
internal sealed class ModelResolver(IOptions<ModelOptions> options, ModelRouteTable routes)
{
    private readonly ModelOptions _options = options.Value;

    public ChatRoute Resolve(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return _options.DefaultModel is { Length: > 0 } fallback
                ? Resolve(fallback)
                : throw new ApiErrorException(ApiError.MissingParameter("model"));
        }

        var aliased = _options.ModelAliases.TryGetValue(requested, out var target);
        var model = aliased ? target! : requested;
        var candidates = routes.Find(model, anyModel: aliased || _options.AllowUnlistedModels);
        return candidates.Count > 0
            ? new ChatRoute(model, candidates)
            : throw new ApiErrorException(ApiError.NotFound(
                $"The model `{requested}` does not exist or you do not have access to it.", "model_not_found", "model"));
    }
}
