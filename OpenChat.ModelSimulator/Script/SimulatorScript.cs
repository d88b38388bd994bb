using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenChat.ModelSimulator.Script;

/// <remarks>
/// Fields with a default are settable rather than init-only: the JSON source generator sets every init-only
/// property when it builds the object, and would replace those defaults with zero values.
/// </remarks>
/// <summary>
/// What a test asks of the simulated model, written in the last user message as a line
/// <c>#sim {...}</c>. Every field is optional; README.md lists them with examples.
/// </summary>
public sealed record SimulatorScript
{
    public string? Id { get; init; }

    public string? Reply { get; init; }

    public int? Tokens { get; init; }

    [JsonPropertyName("ttft_ms")]
    public int? TimeToFirstTokenMs { get; init; }

    [JsonPropertyName("delay_ms")]
    public int? DelayMs { get; init; }

    [JsonPropertyName("tool_calls")]
    public List<ScriptedToolCall>? ToolCalls { get; init; }

    [JsonPropertyName("tool_rounds")]
    public int ToolRounds { get; set; } = 1;

    public int? Status { get; init; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("error_type")]
    public string? ErrorType { get; init; }

    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("retry_after")]
    public int? RetryAfter { get; init; }

    [JsonPropertyName("fail_times")]
    public int? FailTimes { get; init; }

    /// <summary>The simulators (by <c>Simulator:Name</c>) that fail as <c>status</c> and <c>fail_after</c> say; null for all.</summary>
    [JsonPropertyName("fail_on")]
    public List<string>? FailOn { get; init; }

    [JsonPropertyName("fail_after")]
    public int? FailAfter { get; init; }

    [JsonPropertyName("fail_mode")]
    public string FailMode { get; set; } = "abort";

    [JsonPropertyName("line_ending")]
    public string LineEnding { get; set; } = "lf";

    public bool Comments { get; init; }

    [JsonPropertyName("split_writes")]
    public bool SplitWrites { get; init; }

    [JsonPropertyName("content_bytes")]
    public int? ContentBytes { get; init; }

    public bool Usage { get; set; } = true;

    /// <summary>The provider whose wire format this answer takes, instead of <c>Simulator:Profile</c>.</summary>
    public string? Profile { get; init; }

    public static readonly SimulatorScript None = new();
}

/// <summary>A call the script asks for: arguments as a JSON object, or as a string passed on verbatim.</summary>
public sealed record ScriptedToolCall(string Name, JsonElement Arguments);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SimulatorScript))]
internal sealed partial class ScriptJsonContext : JsonSerializerContext;
