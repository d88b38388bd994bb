using System.Text.Json.Serialization;

namespace OpenChat.Api.Transcripts;

/// <summary>The answer to a deletion, in OpenAI's shape: <c>{"id","object":"transcript.deleted","deleted":true}</c>.</summary>
internal sealed record TranscriptDeletion(string Id)
{
    [JsonPropertyName("object")]
    public string Kind { get; } = "transcript.deleted";

    public bool Deleted { get; } = true;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TranscriptDeletion))]
internal sealed partial class TranscriptApiJsonContext : JsonSerializerContext;
