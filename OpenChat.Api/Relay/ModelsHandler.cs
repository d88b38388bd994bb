using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>
/// <c>GET /v1/models</c>: the configured aliases, and, when unlisted models pass through, the upstream's own list
/// with the aliases added, in OpenAI's list shape.
/// </summary>
public sealed class ModelsHandler(UpstreamClient upstream, IOptions<RelayOptions> options, TimeProvider timeProvider)
{
    public async Task HandleAsync(HttpContext http)
    {
        var relay = options.Value;
        JsonDocument? upstreamList = null;
        try
        {
            if (relay.AllowUnlistedModels)
            {
                using var response = await upstream.GetModelsAsync(http.RequestAborted);
                var body = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
                if (!response.IsSuccessStatusCode)
                {
                    await http.Response.WriteApiErrorAsync(UpstreamFailure.FromBody(response, body, timeProvider));
                    return;
                }

                upstreamList = JsonDocument.Parse(body);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            await http.Response.WriteApiErrorAsync(ApiError.BadGateway("The upstream model server's model list could not be read.", "upstream_unreachable"));
            return;
        }

        using (upstreamList)
        {
            http.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            if (upstreamList?.RootElement.TryGetProperty("data", out var models) == true && models.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in models.EnumerateArray())
                {
                    model.WriteTo(writer);
                }
            }

            foreach (var alias in relay.ModelAliases.Keys)
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
