using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.BuiltIn;

/// <summary><c>date_difference</c>: the days, and the years, months and days, from one calendar date to another.</summary>
public sealed class DateDifferenceTool : IServerTool
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonElement s_parameters = JsonElement.Parse("""
        {
          "type": "object",
          "properties": {
            "start": {
              "type": "string",
              "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
              "description": "The first date, ISO 8601 (YYYY-MM-DD), for example \"2026-01-01\"."
            },
            "end": {
              "type": "string",
              "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
              "description": "The second date, ISO 8601 (YYYY-MM-DD), for example \"2026-12-25\"."
            }
          },
          "required": ["start", "end"],
          "additionalProperties": false
        }
        """);

    public string Name => "date_difference";

    public string Description =>
        "Counts the days from one date to another (negative when end is before start), and gives the same span in " +
        "whole years, months and days. Dates are ISO 8601 calendar dates (YYYY-MM-DD); use get_current_time for today.";

    public JsonElement ParametersSchema => s_parameters;

    public ValueTask<JsonNode> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var start = Date(arguments, "start");
        var end = Date(arguments, "end");
        var (earlier, later, sign) = start <= end ? (start, end, 1) : (end, start, -1);

        // Whole months first, then the days left over: 31 January to 1 March is 1 month and 1 day (via 28 February).
        var months = ((later.Year - earlier.Year) * 12) + later.Month - earlier.Month;
        if (earlier.AddMonths(months) > later)
        {
            months--;
        }

        var days = later.DayNumber - earlier.AddMonths(months).DayNumber;
        return ValueTask.FromResult<JsonNode>(new JsonObject
        {
            ["start"] = start.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["end"] = end.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["days"] = end.DayNumber - start.DayNumber,
            ["calendar"] = new JsonObject
            {
                ["years"] = sign * (months / 12),
                ["months"] = sign * (months % 12),
                ["days"] = sign * days,
            },
        });
    }

    private static DateOnly Date(JsonElement arguments, string name)
    {
        var text = arguments.GetProperty(name).GetString()!;
        return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ToolFailureException($"{name} '{text}' is not a date on the calendar.");
    }
}
