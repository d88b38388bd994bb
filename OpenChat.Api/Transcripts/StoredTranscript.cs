using System.Text.Json;

namespace OpenChat.Api.Transcripts;

/// <summary>A stored transcript: its JSON as served, and the two fields access checks need.</summary>
internal sealed record StoredTranscript(string Id, string KeyId, byte[] Json)
{
    public static StoredTranscript From(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new StoredTranscript(root.GetProperty("id").GetString()!, root.GetProperty("key_id").GetString()!, json);
    }
}
