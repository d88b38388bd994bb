using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>Turns the model a client names into the model the upstream is asked for.</summary>
internal sealed class ModelResolver(IOptions<ModelOptions> options)
{
    private readonly ModelOptions _options = options.Value;

    public string Resolve(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return _options.DefaultModel is { Length: > 0 } fallback
                ? Resolve(fallback)
                : throw new ApiErrorException(ApiError.InvalidRequest("Missing required parameter: 'model'.", "model"));
        }

        if (_options.ModelAliases.TryGetValue(requested, out var target))
        {
            return target;
        }

        return _options.AllowUnlistedModels
            ? requested
            : throw new ApiErrorException(ApiError.NotFound(
                $"The model `{requested}` does not exist or you do not have access to it.", "model_not_found", "model"));
    }
}
