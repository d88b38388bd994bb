using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenChat.Web.Gateway;

/// <summary>The Api's JSON: snake_case names, unknown fields ignored, nulls left out of what the console sends.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
