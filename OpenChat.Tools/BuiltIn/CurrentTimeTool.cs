using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>get_current_time</c>: the time now in an IANA time zone, from the injected clock.</summary>
public sealed class CurrentTimeTool(TimeProvider timeProvider) : IServerTool
{
    private static readonly JsonElement s_parameters = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "timezone": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64,
              "description": "An IANA time zone name, for example \"Europe/Paris\" or \"America/New_York\". Defaults to \"UTC\"."
            }
          },
          "additionalProperties": false
        }
        """);

    public string Name => "get_current_time";

    public string Description =>
        "Returns the current date and time in an IANA time zone (UTC when none is given): the ISO 8601 timestamp " +
        "with its UTC offset, and the day of the week.";

    public JsonElement ParametersSchema => s_parameters;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var name = arguments.TryGetProperty("timezone", out var timezone) ? timezone.GetString()! : "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name.Trim(), out var zone))
        {
            throw new ToolFailureException($"Unknown time zone '{name}'. Use an IANA name such as Europe/Paris or America/New_York.");
        }

        var now = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone);
        return ValueTask.FromResult<JsonNode>(new JsonObject
        {
            ["timezone"] = zone.Id,
            ["iso8601"] = now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["utc_offset"] = now.ToString("zzz", CultureInfo.InvariantCulture),
            ["day_of_week"] = now.DayOfWeek.ToString(),
        });
    }
}
