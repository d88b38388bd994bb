using System.Text.Json.Serialization;

namespace OpenChat.ModelSimulator;

/// <summary>OpenAI's model list: <c>{"object":"list","data":[{"id","object":"model","created","owned_by"}]}</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string Kind => "list";
}

public sealed record ModelEntry(string Id, long Created)
{
    [JsonPropertyName("object")]
    public string Kind => "model";

    [JsonPropertyName("owned_by")]
    public string OwnedBy => "openchat-simulator";
}
