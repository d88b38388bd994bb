using System.Text.Json.Serialization;

namespace OpenChat.Api.Transcripts;

/// <summary>The answer to a deletion, in OpenAI's shape: <c>{"id","object":"transcript.deleted","deleted":true}</c>.</summary>
public sealed record TranscriptDeletion(string Id)
{
    [JsonPropertyName("object")]
    public string Kind => "transcript.deleted";

    public bool Deleted => true;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TranscriptDeletion))]
internal sealed partial class TranscriptApiJsonContext : JsonSerializerContext;
