using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// <c>GET /v1/models</c>, in OpenAI's list shape: the union of the models the upstreams serve, each id once. That
/// is the lists of the upstreams that serve <c>*</c> (asked in parallel, a few at a time; one that fails or is slow
/// is left out) when unlisted models pass through, then the aliases and the names upstreams list. A key limited to
/// some models sees only those (by the name listed or, for an alias, the model it stands for).
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

    public static async Task<PushStreamHttpResult> ListModels(
        ClaimsPrincipal user, UpstreamPool pool, ModelRouteTable routes, IOptions<ModelOptions> options, IOptions<RoutingOptions> routing,
        TimeProvider timeProvider, ILogger<UpstreamPool> logger, CancellationToken cancellationToken)
    {
        var models = options.Value;
        JsonDocument?[] lists = [];
        if (models.AllowUnlistedModels)
        {
            var upstreams = pool.All.Where(upstream => upstream.Models.ServesAny).ToArray();
            lists = new JsonDocument?[upstreams.Length];
            await Parallel.ForAsync(0, upstreams.Length,
                new ParallelOptions { MaxDegreeOfParallelism = routing.Value.ModelListConcurrency, CancellationToken = cancellationToken },
                async (i, token) => lists[i] = await TryGetModelsAsync(upstreams[i], timeProvider, logger, token));
        }

        string[] configured = [.. models.ModelAliases.Keys, .. routes.ListedModels];
        var policy = GatewayCaller.From(user).Policy;
        return TypedResults.Stream(body => WriteListAsync(body, lists, configured,
            id => policy.Allows(id, models.ModelAliases.TryGetValue(id, out var target) ? target : id)), "application/json");
    }

    private static async Task<JsonDocument?> TryGetModelsAsync(UpstreamClient upstream, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(upstream.Options.HeadersTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await upstream.GetModelsAsync(linked.Token);
        }
        catch (Exception exception) when (exception is ApiErrorException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            UpstreamLog.ModelListSkipped(logger, upstream.Name, exception);
            return null;
        }
    }

    private static async Task WriteListAsync(Stream body, JsonDocument?[] lists, IEnumerable<string> configured, Func<string, bool> visible)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list"u8);
        writer.WriteStartArray("data"u8);
        foreach (var list in lists)
        {
            using (list)
            {
                if (list?.RootElement is not { ValueKind: JsonValueKind.Object } root
                    || !root.TryGetProperty("data", out var listed) || listed.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var model in listed.EnumerateArray())
                {
                    if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty("id", out var id)
                        && id.ValueKind == JsonValueKind.String && visible(id.GetString()!) && written.Add(id.GetString()!))
                    {
                        model.WriteTo(writer);
                    }
                }
            }
        }

        foreach (var name in configured)
        {
            if (visible(name) && written.Add(name))
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, name);
                writer.WriteString("object"u8, "model"u8);
                writer.WriteNumber("created"u8, 0);
                writer.WriteString("owned_by"u8, "openchat"u8);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
