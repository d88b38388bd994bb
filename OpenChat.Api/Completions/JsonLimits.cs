namespace OpenChat.Api.Completions;

/// <summary>
/// How deep the JSON the gateway accepts may nest. What a request may hold, its transcript must be able to hold
/// and to give back: the transcript reader allows the request's depth and the transcript's own levels around it.
/// </summary>
internal static class JsonLimits
{
    public const int MaxRequestDepth = 128;

    public const int MaxTranscriptDepth = MaxRequestDepth + 4;
}
