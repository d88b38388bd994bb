using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// <c>GET /v1/models</c>: the configured aliases, and, when unlisted models pass through, the upstream's own list
/// with the aliases added, in OpenAI's list shape.
/// </summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListModels)
            .WithName("ListModels")
            .WithSummary("Lists the models clients may ask for.");
        return v1;
    }

    public static async Task<Results<PushStreamHttpResult, ApiErrorResult>> ListModels(
        UpstreamClient upstream, IOptions<ModelOptions> options, CancellationToken cancellationToken)
    {
        var models = options.Value;
        JsonDocument? upstreamList = null;
        if (models.AllowUnlistedModels)
        {
            try
            {
                upstreamList = await upstream.GetModelsAsync(cancellationToken);
            }
            catch (ApiErrorException exception)
            {
                return new ApiErrorResult(exception.Error);
            }
        }

        return TypedResults.Stream(body => WriteListAsync(body, upstreamList, models.ModelAliases.Keys), "application/json");
    }

    private static async Task WriteListAsync(Stream body, JsonDocument? upstreamList, IEnumerable<string> aliases)
    {
        using (upstreamList)
        {
            await using var writer = new Utf8JsonWriter(body);
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            if (upstreamList?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("data", out var listed) && listed.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in listed.EnumerateArray())
                {
                    model.WriteTo(writer);
                }
            }

            foreach (var alias in aliases)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, alias);
                writer.WriteString("object"u8, "model"u8);
                writer.WriteNumber("created"u8, 0);
                writer.WriteString("owned_by"u8, "openchat"u8);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
