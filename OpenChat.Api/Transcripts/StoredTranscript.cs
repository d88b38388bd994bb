using System.Text.Json;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Transcripts;

/// <summary>A stored transcript: its JSON as served, and the two fields access checks need.</summary>
internal sealed record StoredTranscript(string Id, string KeyId, byte[] Json)
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = JsonLimits.MaxTranscriptDepth };

    /// <summary>Reads the id and key id of a stored transcript, however deep the request it holds.</summary>
    public static StoredTranscript From(byte[] json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        string? id = null, keyId = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && (id is null || keyId is null))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("key_id"u8))
            {
                reader.Read();
                keyId = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new StoredTranscript(
            id ?? throw new JsonException("A stored transcript has no id."),
            keyId ?? throw new JsonException("A stored transcript has no key_id."),
            json);
    }
}
