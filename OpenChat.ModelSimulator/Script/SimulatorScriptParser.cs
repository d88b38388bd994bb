using System.Text.Json;
using OpenChat.ModelSimulator.Profiles;

namespace OpenChat.ModelSimulator.Script;

/// <summary>Takes the <c>#sim</c> line out of a user message: the script, and the text without it.</summary>
public static class SimulatorScriptParser
{
    private const string Marker = "#sim ";

    /// <exception cref="FormatException">The script line is not a JSON object of known fields.</exception>
    public static (SimulatorScript Script, string Text) Parse(string message)
    {
        var script = SimulatorScript.None;
        var text = new List<string>();
        foreach (var line in message.Split('\n'))
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                text.Add(line.TrimEnd('\r'));
                continue;
            }

            try
            {
                script = JsonSerializer.Deserialize(line[Marker.Length..], ScriptJsonContext.Default.SimulatorScript)
                    ?? throw new FormatException("The #sim line holds null; write a JSON object.");
            }
            catch (JsonException exception)
            {
                throw new FormatException($"The #sim line is not a valid script: {exception.Message}", exception);
            }

            Validate(script);
        }

        return (script, string.Join('\n', text).Trim());
    }

    private static void Validate(SimulatorScript script)
    {
        if (script.FailMode is not ("abort" or "error_event"))
        {
            throw new FormatException("fail_mode must be \"abort\" or \"error_event\".");
        }

        if (script.LineEnding is not ("lf" or "crlf" or "cr"))
        {
            throw new FormatException("line_ending must be \"lf\", \"crlf\" or \"cr\".");
        }

        if (script.Status is < 400 or > 599)
        {
            throw new FormatException("status must be an HTTP error status between 400 and 599.");
        }

        if (script.Tokens < 0 || script.ContentBytes < 1 || script.DelayMs < 0 || script.TimeToFirstTokenMs < 0 || script.FailAfter < 0)
        {
            throw new FormatException("tokens, delay_ms, ttft_ms and fail_after must not be negative; content_bytes must be positive.");
        }

        if (script.Profile is { } profile && ProviderProfiles.Find(profile) is null)
        {
            throw new FormatException($"profile must be one of {string.Join(", ", ProviderProfiles.Names)}; \"{profile}\" is not.");
        }

        if (script.ToolRounds < -1)
        {
            throw new FormatException("tool_rounds must be a count, or -1 for a model that never stops calling tools.");
        }
    }
}
